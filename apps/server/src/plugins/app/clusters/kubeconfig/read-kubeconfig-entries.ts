import type { FieldError } from '@bokujo/shared';
import {
  contextChoiceField,
  kubeconfigPointer,
  quoted,
  quotedList,
  refuseIfAnyProblem,
  refuseKubeconfig,
} from './kubeconfig-problems.ts';

/** A YAML mapping as the parser hands it over: keys of any type, so nothing inherits from Object. */
export type YamlMap = Map<unknown, unknown>;

export type EntryKind = 'cluster' | 'user' | 'context';

/** One item of `clusters`, `users` or `contexts`; `body` is its inner `cluster`/`user`/`context` value. */
export interface NamedEntry {
  kind: EntryKind;
  name: string;
  index: number;
  body: unknown;
}

export interface KubeconfigEntries {
  clusters: NamedEntry[];
  users: NamedEntry[];
  contexts: NamedEntry[];
  currentContext: string | undefined;
}

const listKeys = { cluster: 'clusters', user: 'users', context: 'contexts' } as const;
const maxNameLength = 256;

export function isYamlMap(value: unknown): value is YamlMap {
  return value instanceof Map;
}

/** kubectl omits empty fields and treats null and "" as unset; so does Bokujo. */
export function presentValue(map: YamlMap, key: string): unknown {
  const value = map.get(key);
  return value === null || value === '' ? undefined : value;
}

/**
 * Checks the frame of a kubeconfig (version, kind, the three named lists) and returns its entries.
 * What is inside an entry is judged later, and only for the entries the chosen context uses.
 */
export function readKubeconfigEntries(data: unknown): KubeconfigEntries {
  if (!isYamlMap(data)) {
    refuseKubeconfig([
      {
        field: kubeconfigPointer(),
        reason: 'the kubeconfig must be a YAML mapping (apiVersion, kind, clusters, users, contexts)',
      },
    ]);
  }
  const problems: FieldError[] = [];
  checkVersionAndKind(data, problems);
  const entries: KubeconfigEntries = {
    clusters: readNamedList(data, 'cluster', problems),
    users: readNamedList(data, 'user', problems),
    contexts: readNamedList(data, 'context', problems),
    currentContext: readCurrentContext(data, problems),
  };
  refuseIfAnyProblem(problems);
  return entries;
}

function checkVersionAndKind(data: YamlMap, problems: FieldError[]): void {
  const apiVersion = presentValue(data, 'apiVersion');
  if (apiVersion !== 'v1') {
    const reason =
      apiVersion === undefined ? 'apiVersion is missing; a kubeconfig has apiVersion: v1' : 'apiVersion must be v1';
    problems.push({ field: kubeconfigPointer('apiVersion'), reason });
  }
  // Some generators leave kind out; kubectl accepts that, so only a different kind is refused.
  const kind = presentValue(data, 'kind');
  if (kind !== undefined && kind !== 'Config') {
    problems.push({ field: kubeconfigPointer('kind'), reason: 'kind must be Config; this is not a kubeconfig' });
  }
}

function readNamedList(data: YamlMap, kind: EntryKind, problems: FieldError[]): NamedEntry[] {
  const listKey = listKeys[kind];
  const list = presentValue(data, listKey);
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    problems.push({ field: kubeconfigPointer(listKey), reason: `${listKey} must be a list` });
    return [];
  }
  const entries: NamedEntry[] = [];
  const seen = new Set<string>();
  list.forEach((item: unknown, index) => {
    const name = readEntryName(item, kind, index, problems);
    if (name === undefined || !isYamlMap(item)) return;
    if (seen.has(name)) {
      problems.push({
        field: kubeconfigPointer(listKey, index, 'name'),
        reason: `two ${listKey} are named ${quoted(name)}; names must be unique`,
      });
      return;
    }
    seen.add(name);
    entries.push({ kind, name, index, body: presentValue(item, kind) });
  });
  return entries;
}

function readEntryName(item: unknown, kind: EntryKind, index: number, problems: FieldError[]): string | undefined {
  const listKey = listKeys[kind];
  if (!isYamlMap(item)) {
    problems.push({
      field: kubeconfigPointer(listKey, index),
      reason: `each of ${listKey} must be a mapping with a name`,
    });
    return undefined;
  }
  const name = presentValue(item, 'name');
  const problem = nameProblem(name, kind);
  if (problem) problems.push({ field: kubeconfigPointer(listKey, index, 'name'), reason: problem });
  return typeof name === 'string' && !problem ? name : undefined;
}

function nameProblem(name: unknown, kind: EntryKind): string | undefined {
  if (name === undefined) return `a ${kind} has no name`;
  if (typeof name !== 'string') return `a ${kind} name must be a string (quote it)`;
  if (name.length > maxNameLength) return `a ${kind} name is longer than ${maxNameLength} characters`;
  if (/\p{Cc}/u.test(name)) return `a ${kind} name contains control characters`;
  return undefined;
}

function readCurrentContext(data: YamlMap, problems: FieldError[]): string | undefined {
  const current = presentValue(data, 'current-context');
  if (current === undefined || typeof current === 'string') return current;
  problems.push({ field: kubeconfigPointer('current-context'), reason: 'current-context must be a string' });
  return undefined;
}

/**
 * The context to import: the one the request names, else current-context, else the only one.
 * Several contexts and no choice is refused rather than guessed, so the person picks.
 */
export function chooseContext(entries: KubeconfigEntries, requested: string | undefined): NamedEntry {
  const { contexts, currentContext } = entries;
  const names = contexts.map((context) => context.name);
  const byName = (name: string) => contexts.find((context) => context.name === name);
  if (requested !== undefined && requested !== '') {
    const chosen = byName(requested);
    if (chosen) return chosen;
    const reason =
      names.length === 0
        ? `the kubeconfig has no contexts, so it has no context named ${quoted(requested)}`
        : `the kubeconfig has no context named ${quoted(requested)}; pick one of ${quotedList(names)}`;
    refuseKubeconfig([{ field: contextChoiceField, reason }]);
  }
  if (currentContext !== undefined) {
    const current = byName(currentContext);
    if (current) return current;
    refuseKubeconfig([
      {
        field: kubeconfigPointer('current-context'),
        reason: `current-context names ${quoted(currentContext)}, which is not one of the kubeconfig's contexts`,
      },
    ]);
  }
  const [only, another] = contexts;
  if (only && !another) return only;
  if (!only) {
    refuseKubeconfig([
      {
        field: kubeconfigPointer('contexts'),
        reason: 'the kubeconfig has no context; it needs one that names a cluster and a user',
      },
    ]);
  }
  refuseKubeconfig([
    {
      field: contextChoiceField,
      reason: `ambiguous: the kubeconfig has several contexts and no current-context; pick one of ${quotedList(names)}`,
    },
  ]);
}

export interface ContextTarget {
  cluster: NamedEntry;
  user: NamedEntry;
}

/** The cluster and user entries a context names; both must exist. */
export function resolveContext(entries: KubeconfigEntries, context: NamedEntry): ContextTarget {
  const at = (...segments: (string | number)[]) => kubeconfigPointer('contexts', context.index, 'context', ...segments);
  if (!isYamlMap(context.body)) {
    refuseKubeconfig([
      { field: at(), reason: `context ${quoted(context.name)} has no context mapping (cluster and user)` },
    ]);
  }
  const problems: FieldError[] = [];
  const cluster = findReferenced(entries.clusters, context, 'cluster', at('cluster'), problems);
  const user = findReferenced(entries.users, context, 'user', at('user'), problems);
  refuseIfAnyProblem(problems);
  if (!cluster || !user) refuseKubeconfig([{ field: at(), reason: `context ${quoted(context.name)} is incomplete` }]);
  return { cluster, user };
}

function findReferenced(
  candidates: NamedEntry[],
  context: NamedEntry,
  kind: 'cluster' | 'user',
  field: string,
  problems: FieldError[],
): NamedEntry | undefined {
  const reference = presentValue(context.body as YamlMap, kind);
  const prefix = `context ${quoted(context.name)}`;
  if (reference === undefined) {
    problems.push({ field, reason: `${prefix} names no ${kind}` });
    return undefined;
  }
  if (typeof reference !== 'string') {
    problems.push({ field, reason: `${prefix}: ${kind} must be a string` });
    return undefined;
  }
  const found = candidates.find((candidate) => candidate.name === reference);
  if (!found)
    problems.push({
      field,
      reason: `${prefix} names ${kind} ${quoted(reference)}, which the kubeconfig does not define`,
    });
  return found;
}
