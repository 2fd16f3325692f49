import { parseAllDocuments, stringify } from 'yaml';

/** Metadata the apiserver keeps for itself; an edit or import never needs to carry it. */
const serverOwnedMetadata = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink'];

export type KubeObject = Record<string, unknown> & {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: Record<string, unknown>;
};

/**
 * An object as YAML to read and edit: `managedFields` is left out (as `kubectl get -o yaml`
 * does); an update without it keeps the server's. Long strings are not folded.
 */
export function toEditableYaml(object: KubeObject): string {
  if (!object.metadata) return stringify(object, { lineWidth: 0 });
  const metadata = { ...object.metadata };
  delete metadata['managedFields'];
  return stringify({ ...object, metadata }, { lineWidth: 0 });
}

/** Without server-owned metadata, as an object to create or apply from a file that came from a cluster. */
export function withoutServerMetadata(object: KubeObject): KubeObject {
  if (!object.metadata) return object;
  const metadata = Object.fromEntries(
    Object.entries(object.metadata).filter(([key]) => !serverOwnedMetadata.includes(key)),
  );
  return { ...object, metadata };
}

/** What is wrong with the text, for the page to say in the person's language. */
export type YamlProblem = 'syntax' | 'notMapping' | 'empty' | 'severalDocuments';

export class YamlSyntaxError extends Error {
  readonly problem: YamlProblem;
  readonly line: number | undefined;
  /** The YAML parser's own words (English), for `syntax` only. */
  constructor(problem: YamlProblem, message: string = problem, line?: number) {
    super(message);
    this.name = 'YamlSyntaxError';
    this.problem = problem;
    this.line = line;
  }
}

export interface ParsedDocument {
  /** 1-based, in the order of the file. */
  index: number;
  object: KubeObject | undefined;
  error: YamlSyntaxError | undefined;
}

/** Every non-empty document of a (multi-document) YAML text, with its syntax error if it has one. */
export function parseDocuments(text: string): ParsedDocument[] {
  const parsed: ParsedDocument[] = [];
  for (const document of parseAllDocuments(text)) {
    const [first] = document.errors;
    if (first) {
      const line = first.linePos?.[0]?.line;
      parsed.push({
        index: parsed.length + 1,
        object: undefined,
        error: new YamlSyntaxError('syntax', first.message, line),
      });
      continue;
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      parsed.push({ index: parsed.length + 1, object: undefined, error: new YamlSyntaxError('notMapping') });
      continue;
    }
    parsed.push({ index: parsed.length + 1, object: value as KubeObject, error: undefined });
  }
  return parsed;
}

/** The one object of an editor's text; throws YamlSyntaxError when it is not exactly one mapping. */
export function parseSingleObject(text: string): KubeObject {
  const documents = parseDocuments(text);
  const [first] = documents;
  if (!first) throw new YamlSyntaxError('empty');
  if (first.error) throw first.error;
  if (documents.length > 1) throw new YamlSyntaxError('severalDocuments');
  return first.object as KubeObject;
}

/** How many documents an import would send, errors included; 0 for blank text. */
export function countDocuments(text: string): number {
  if (!text.trim()) return 0;
  try {
    return parseDocuments(text).length;
  } catch {
    return 0;
  }
}
