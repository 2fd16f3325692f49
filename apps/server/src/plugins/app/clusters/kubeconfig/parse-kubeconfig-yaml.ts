import { type Document, isScalar, Lexer, LineCounter, parseAllDocuments, visit, type YAMLError } from 'yaml';
import { kubeconfigField, refuseKubeconfig } from './kubeconfig-problems.ts';

/** Real kubeconfigs are a few kilobytes; even one with hundreds of clusters stays far below this. */
export const maxKubeconfigBytes = 1024 * 1024;

// Within 1 MiB the YAML library can still spend seconds and gigabytes: deep nesting, a flat list
// of half a million items, a million blank lines or a quoted string spanning many lines; the
// library's duplicate-key check is quadratic. So a cheap count of lines and a token scan bound the
// shape before the library builds anything. A kubeconfig with 300 contexts has about 4,000 lines,
// 26,000 tokens and 4,200 collection items and parses in about 150 ms; at these limits the worst
// input costs well under a second.
const maxLines = 20_000;
const maxTokens = 80_000;
const maxCollectionItems = 12_000;
const minifyHint = 'export just the context you need with kubectl config view --minify --flatten --context NAME';
const maxFlowDepth = 32;
const maxQuotedLines = 100;
const maxBlockIndent = 128;

// Markers the lexer emits that are not part of the source text.
const documentMarker = '\x02';
const scalarMarker = '\x1f';
const flowErrorMarker = '\x18';

/**
 * Parses the text of an uploaded kubeconfig into plain data (mappings as `Map`, sequences as arrays)
 * without ever expanding aliases, resolving custom tags or accepting more than one document.
 * Throws InputError naming the line and column of the first problem.
 */
export function parseKubeconfigYaml(text: unknown): unknown {
  const source = requireText(text);
  scanTokens(source);
  const lineCounter = new LineCounter();
  const document = composeSingleDocument(source, lineCounter);
  rejectDuplicateKeys(document, lineCounter);
  const data: unknown = document.toJS({ mapAsMap: true, maxAliasCount: 0 });
  if (data === null || data === undefined) refuseAt('the kubeconfig is empty');
  return data;
}

function requireText(text: unknown): string {
  if (typeof text !== 'string') refuseAt('the kubeconfig must be text');
  // Length in UTF-16 units never exceeds the UTF-8 byte length, so this skips encoding huge strings.
  if (text.length > maxKubeconfigBytes || Buffer.byteLength(text, 'utf8') > maxKubeconfigBytes) {
    refuseAt(`the kubeconfig is larger than ${maxKubeconfigBytes / 1024 / 1024} MiB`);
  }
  if (text.trim() === '') refuseAt('the kubeconfig is empty');
  if (countLines(text) > maxLines) refuseAt(`the kubeconfig has more than ${maxLines} lines; ${minifyHint}`);
  return text;
}

/** Counts a lone CR as a line too, as the YAML spec does, so no line-ending trick slips past the limit. */
function countLines(text: string): number {
  let lines = 1;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(index + 1) !== 0x0a)) lines += 1;
  }
  return lines;
}

interface ScanState {
  offset: number;
  lineStart: number;
  tokens: number;
  items: number;
  flowDepth: number;
  documentStarts: number;
  documentEnds: number;
}

function scanTokens(source: string): void {
  const state: ScanState = {
    offset: 0,
    lineStart: 0,
    tokens: 0,
    items: 0,
    flowDepth: 0,
    documentStarts: 0,
    documentEnds: 0,
  };
  let nextIsScalarText = false;
  for (const token of new Lexer().lex(source)) {
    if (token === scalarMarker) {
      nextIsScalarText = true;
      continue;
    }
    if (token === documentMarker || token === flowErrorMarker) continue;
    const start = state.offset;
    state.offset += token.length;
    state.tokens += 1;
    if (state.tokens > maxTokens) {
      refuseAtOffset(source, start, `the kubeconfig has too many YAML elements; ${minifyHint}`);
    }
    // Scalar text may begin with any character (`&`, `!`, `-`); only syntax tokens are judged.
    if (nextIsScalarText) nextIsScalarText = false;
    else judgeSyntaxToken(source, token, start, state);
    const lastNewline = token.lastIndexOf('\n');
    if (lastNewline !== -1) state.lineStart = start + lastNewline + 1;
  }
}

function judgeSyntaxToken(source: string, token: string, start: number, state: ScanState): void {
  const refuse = (reason: string): never => refuseAtOffset(source, start, reason);
  switch (token[0]) {
    case '&':
    case '*':
      return refuse('YAML anchors and aliases are not allowed in a kubeconfig');
    case '!':
      return refuse('YAML tags are not allowed in a kubeconfig');
    case '%':
      return refuse('YAML directives are not allowed in a kubeconfig');
    case '[':
    case '{':
      state.flowDepth += 1;
      if (state.flowDepth > maxFlowDepth) refuse('the YAML is nested too deeply');
      return;
    case ']':
    case '}':
      state.flowDepth = Math.max(0, state.flowDepth - 1);
      return;
    case '"':
    case "'":
      // The library reports every line of a runaway quoted string separately, which is slow.
      if (countLines(token) > maxQuotedLines) refuse(`a quoted string spans more than ${maxQuotedLines} lines`);
      return;
  }
  if (token === '---') state.documentStarts += 1;
  if (token === '...') state.documentEnds += 1;
  if (state.documentStarts > 1 || state.documentEnds > 1) {
    refuse('the text holds more than one YAML document; upload a single kubeconfig');
  }
  if (token === '-' || token === '?' || token === ':' || token === ',') {
    state.items += 1;
    if (state.items > maxCollectionItems) refuse(`the kubeconfig has too many entries; ${minifyHint}`);
  }
  if (state.flowDepth === 0 && blockIndent(token, start, state) > maxBlockIndent) {
    refuse('the YAML is nested too deeply');
  }
}

/**
 * Block collections nest by indentation, or on one line as `- - - x` / `? ? x`; either way the
 * column bounds how deep a block document can go, so a large column stands for a deep document.
 */
function blockIndent(token: string, start: number, state: ScanState): number {
  if (token === '-' || token === '?') return start - state.lineStart;
  if (start === state.lineStart && token[0] === ' ') return token.length;
  return 0;
}

function composeSingleDocument(source: string, lineCounter: LineCounter): Document.Parsed {
  const documents = parseAllDocuments(source, {
    lineCounter,
    prettyErrors: false,
    // Checked below in linear time; the library's own check is quadratic in the number of keys.
    uniqueKeys: false,
    schema: 'core',
    version: '1.2',
    merge: false,
    strict: true,
  });
  const [document, second] = documents;
  if (second) {
    refuseAtOffset(source, second.range[0], 'the text holds more than one YAML document; upload a single kubeconfig');
  }
  if (!document) refuseAt('the kubeconfig is empty');
  const [problem] = [...document.errors, ...document.warnings];
  if (problem) refuseSyntax(problem, lineCounter);
  return document;
}

function rejectDuplicateKeys(document: Document.Parsed, lineCounter: LineCounter): void {
  visit(document, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        if (seen.has(key.value)) {
          const offset = key.range?.[0] ?? 0;
          refuseAtPosition(lineCounter.linePos(offset), `${describeKey(key.value)} appears twice in one mapping`);
        }
        seen.add(key.value);
      }
    },
  });
}

/** Kubeconfig keys are short words; anything else might be pasted data, so it is not repeated. */
function describeKey(value: unknown): string {
  return typeof value === 'string' && /^[A-Za-z0-9_.-]{1,40}$/.test(value) ? `the key "${value}"` : 'a key';
}

// Own words for the library's error codes: some of its messages quote the source, which may hold a secret.
const syntaxReasons: Partial<Record<string, string>> = {
  BAD_DQ_ESCAPE: 'a double-quoted string has an invalid escape sequence',
  BAD_INDENT: 'the indentation is inconsistent, or a closing ] or } is missing',
  BAD_SCALAR_START: 'a plain value starts with a character that needs quotes',
  BLOCK_AS_IMPLICIT_KEY: 'a nested mapping cannot start on the same line as its key',
  BLOCK_IN_FLOW: 'a block collection cannot appear inside [ ] or { }',
  DUPLICATE_KEY: 'a key appears twice in one mapping',
  KEY_OVER_1024_CHARS: 'a key is longer than 1024 characters',
  MISSING_CHAR: 'a closing quote, bracket, colon or comma is missing',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line (is a colon or quote missing?)',
  MULTIPLE_DOCS: 'the text holds more than one YAML document',
  RESOURCE_EXHAUSTION: 'the YAML is nested too deeply',
  TAB_AS_INDENT: 'tabs cannot be used for indentation',
  UNEXPECTED_TOKEN: 'something unexpected appears here',
};

function refuseSyntax(problem: YAMLError, lineCounter: LineCounter): never {
  const { line, col } = lineCounter.linePos(problem.pos[0]);
  const reason = syntaxReasons[problem.code] ?? 'the YAML is not well-formed';
  refuseAt(`invalid YAML at line ${line}, column ${col}: ${reason}`);
}

function refuseAtOffset(source: string, offset: number, reason: string): never {
  refuseAtPosition(linePosition(source, offset), reason);
}

function refuseAtPosition(position: { line: number; col: number }, reason: string): never {
  refuseAt(`${reason} (line ${position.line}, column ${position.col})`);
}

function refuseAt(reason: string): never {
  refuseKubeconfig([{ field: kubeconfigField, reason }]);
}

function linePosition(source: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (
    let newline = source.indexOf('\n');
    newline !== -1 && newline < offset;
    newline = source.indexOf('\n', newline + 1)
  ) {
    line += 1;
    lineStart = newline + 1;
  }
  return { line, col: offset - lineStart + 1 };
}
