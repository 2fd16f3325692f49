import type { KubeObject, ParsedDocument } from './object-yaml';

export type ImportResult = 'created' | 'configured' | 'failed' | 'refused';

/** Why a document was not created or configured, for the page to say in the person's language. */
export type ImportReason =
  | { code: 'syntax'; line: number | undefined; message: string }
  | { code: 'notMapping' }
  | { code: 'missingFields' }
  | { code: 'unknownKind'; apiVersion: string; kind: string }
  | { code: 'clusterScoped'; kind: string }
  | { code: 'foreignNamespace'; namespace: string }
  | { code: 'exists' }
  | { code: 'server'; message: string };

export interface ImportOutcome {
  index: number;
  kind: string | undefined;
  name: string | undefined;
  namespace: string | undefined;
  result: ImportResult;
  reason: ImportReason | undefined;
}

/** What a document says it is; undefined fields were missing or not strings. */
export interface DocumentIdentity {
  apiVersion: string | undefined;
  kind: string | undefined;
  name: string | undefined;
  namespace: string | undefined;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

export function identify(object: KubeObject | undefined): DocumentIdentity {
  return {
    apiVersion: text(object?.apiVersion),
    kind: text(object?.kind),
    name: text(object?.metadata?.['name']),
    namespace: text(object?.metadata?.['namespace']),
  };
}

/** A refusal before anything is sent: the document cannot be read or names no object. */
export function readRefusal(document: ParsedDocument): ImportReason | undefined {
  if (document.error) {
    return document.error.problem === 'syntax'
      ? { code: 'syntax', line: document.error.line, message: document.error.message }
      : { code: 'notMapping' };
  }
  const identity = identify(document.object);
  // A name is required: an object without one could not be found again to apply it.
  if (!identity.apiVersion || !identity.kind || !identity.name) return { code: 'missingFields' };
  return undefined;
}

/**
 * Where a namespaced document goes: its own namespace if it names one, else the chosen default.
 * Either must belong to the project: an import into a project never writes outside it.
 */
export function placeInProject(
  identity: DocumentIdentity,
  defaultNamespace: string,
  projectNamespaces: readonly string[],
): { namespace: string } | { refusal: ImportReason } {
  const namespace = identity.namespace ?? defaultNamespace;
  if (!projectNamespaces.includes(namespace)) return { refusal: { code: 'foreignNamespace', namespace } };
  return { namespace };
}
