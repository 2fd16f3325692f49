/**
 * Kubernetes label selectors as `kubectl get -l` takes them: `app=web`, `app==web`, `tier!=db`,
 * `env in (prod,staging)`, `env notin (dev)`, `canary`, `!canary`, and `replicas>2` / `<`,
 * separated by commas; every requirement must hold.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 */

export type LabelOperator = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | '>' | '<';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

export type LabelMatcher = (labels: Readonly<Record<string, string>> | undefined) => boolean;

/** A selector that cannot be parsed; `position` is the 0-based index in the text where it went wrong. */
export class LabelSelectorError extends Error {
  readonly position: number;
  readonly reason: string;
  constructor(position: number, reason: string) {
    super(`${reason} at position ${position}`);
    this.name = 'LabelSelectorError';
    this.position = position;
    this.reason = reason;
  }
}

const namePart = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Characters that end a key or value; everything else belongs to the word being read. */
const delimiters = new Set([',', '(', ')', '=', '!', '<', '>', ' ', '\t', '\n', '\r']);

/** Parses a selector into its requirements; throws LabelSelectorError naming position and reason. */
export function parseLabelSelector(text: string): LabelRequirement[] {
  const requirements: LabelRequirement[] = [];
  let index = 0;

  const skipSpaces = () => {
    while (index < text.length && /\s/.test(text[index] as string)) index += 1;
  };
  const readWord = () => {
    const start = index;
    while (index < text.length && !delimiters.has(text[index] as string)) index += 1;
    return { word: text.slice(start, index), start };
  };
  const readKey = () => {
    skipSpaces();
    const { word, start } = readWord();
    if (!word) {
      throw new LabelSelectorError(
        start,
        index < text.length ? `unexpected "${text[index]}"` : 'a label key is missing',
      );
    }
    const problem = keyProblem(word);
    if (problem) throw new LabelSelectorError(start, `label key "${word}" ${problem}`);
    return word;
  };
  const readValue = (allowEmpty: boolean) => {
    skipSpaces();
    const { word, start } = readWord();
    if (!word && !allowEmpty) {
      throw new LabelSelectorError(start, index < text.length ? `unexpected "${text[index]}"` : 'a value is missing');
    }
    const problem = valueProblem(word);
    if (problem) throw new LabelSelectorError(start, `label value "${word}" ${problem}`);
    return word;
  };
  const peek = (token: string) => text.startsWith(token, index);

  skipSpaces();
  if (index === text.length) return requirements;
  for (;;) {
    skipSpaces();
    if (peek('!')) {
      index += 1;
      requirements.push({ key: readKey(), operator: '!', values: [] });
    } else {
      const key = readKey();
      skipSpaces();
      if (peek('==')) {
        index += 2;
        requirements.push({ key, operator: '=', values: [readValue(true)] });
      } else if (peek('!=')) {
        index += 2;
        requirements.push({ key, operator: '!=', values: [readValue(true)] });
      } else if (peek('=')) {
        index += 1;
        requirements.push({ key, operator: '=', values: [readValue(true)] });
      } else if (peek('>') || peek('<')) {
        const operator = text[index] as '>' | '<';
        index += 1;
        const at = index;
        const value = readValue(false).trim();
        if (!/^-?\d+$/.test(value)) throw new LabelSelectorError(at, `"${value}" is not an integer`);
        requirements.push({ key, operator, values: [value] });
      } else if (index === text.length || peek(',')) {
        requirements.push({ key, operator: 'exists', values: [] });
      } else {
        const { word, start } = readWord();
        if (word !== 'in' && word !== 'notin') {
          throw new LabelSelectorError(
            start,
            word ? `unknown operator "${word}"` : `unexpected "${text[index] ?? ''}" after key "${key}"`,
          );
        }
        requirements.push({ key, operator: word, values: readSet() });
      }
    }
    skipSpaces();
    if (index === text.length) return requirements;
    if (!peek(',')) throw new LabelSelectorError(index, `expected "," but found "${text[index]}"`);
    index += 1;
  }

  function readSet(): string[] {
    skipSpaces();
    if (!peek('(')) throw new LabelSelectorError(index, 'expected "(" to start the set of values');
    index += 1;
    const values: string[] = [];
    for (;;) {
      values.push(readValue(true));
      skipSpaces();
      if (peek(')')) {
        index += 1;
        return values;
      }
      if (!peek(',')) {
        throw new LabelSelectorError(
          index,
          index < text.length ? `expected "," or ")"` : 'the set of values is not closed',
        );
      }
      index += 1;
    }
  }
}

function keyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const name = slash === -1 ? key : key.slice(slash + 1);
  if (slash !== -1) {
    const prefix = key.slice(0, slash);
    if (!prefix || prefix.length > 253 || !dnsSubdomain.test(prefix)) return 'has an invalid prefix';
  }
  if (!name || name.length > 63 || !namePart.test(name)) {
    return 'must be at most 63 letters, digits, "-", "_" or "." and start and end with a letter or digit';
  }
  return undefined;
}

function valueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !namePart.test(value)) {
    return 'must be at most 63 letters, digits, "-", "_" or "." and start and end with a letter or digit';
  }
  return undefined;
}

/** A matcher for the requirements: true when every one holds for the labels. */
export function labelMatcher(requirements: readonly LabelRequirement[]): LabelMatcher {
  return (labels) => requirements.every((requirement) => matches(requirement, labels ?? {}));
}

/** Parses and compiles a selector in one step; throws LabelSelectorError. */
export function compileLabelSelector(text: string): LabelMatcher {
  return labelMatcher(parseLabelSelector(text));
}

function matches({ key, operator, values }: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const present = Object.hasOwn(labels, key);
  const value = present ? labels[key] : undefined;
  switch (operator) {
    case '=':
    case 'in':
      return present && values.includes(value as string);
    case '!=':
    case 'notin':
      // As in Kubernetes: a missing label is "not equal" to any value.
      return !present || !values.includes(value as string);
    case 'exists':
      return present;
    case '!':
      return !present;
    case '>':
    case '<': {
      if (!present || !/^-?\d+$/.test(value as string)) return false;
      const actual = Number(value);
      const bound = Number(values[0]);
      return operator === '>' ? actual > bound : actual < bound;
    }
  }
}
