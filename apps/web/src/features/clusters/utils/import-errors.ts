import type { FieldError } from '@bokujo/shared';
import type { ApiError } from '@/lib/api-client';

/** The wizard's steps that hold fields: 0 = name and description, 1 = kubeconfig. */
export type FieldStep = 0 | 1;

/** The parts of an import, in the order the server runs them. */
export const importStages = ['check', 'contact', 'rights', 'exchange'] as const;
export type ImportStage = (typeof importStages)[number];

/** What to tell the person to do; each has a translated text under `import.hint.*`. */
export type ImportHint =
  | 'nameTaken'
  | 'nameInvalid'
  | 'details'
  | 'pickContext'
  | 'credentialPlugin'
  | 'filePaths'
  | 'proxyUrl'
  | 'server'
  | 'insecure'
  | 'contact'
  | 'rights'
  | 'exchange'
  | 'alreadyImported'
  | 'kubeconfig'
  | 'forbidden'
  | 'general';

export interface KubeconfigProblem {
  /** Where inside the kubeconfig, e.g. `users/0/user/exec`; empty for the file as a whole. */
  path: string;
  reason: string;
}

export interface ImportFailure {
  /** The step to go back to; undefined when no field is to blame (e.g. the server failed). */
  step: FieldStep | undefined;
  stage: ImportStage | undefined;
  hint: ImportHint;
  name?: string;
  description?: string;
  labels?: string;
  context?: string;
  kubeconfig: KubeconfigProblem[];
  /** Contexts the server listed when it could not tell which one to import. */
  contextChoices: string[];
}

const filePathFields = new Set([
  'certificate-authority',
  'client-certificate',
  'client-key',
  'tokenFile',
  'token-file',
]);

/** Maps the server's 400/409 details (JSON pointers) back to the wizard's steps and fields. */
export function describeImportFailure(error: ApiError): ImportFailure {
  const failure: ImportFailure = {
    step: undefined,
    stage: undefined,
    hint: error.status === 403 ? 'forbidden' : 'general',
    kubeconfig: [],
    contextChoices: [],
  };
  const hints: { step: FieldStep; hint: ImportHint }[] = [];
  for (const detail of error.fieldErrors) {
    const located = locate(detail, error.status, failure);
    if (located) hints.push(located);
  }
  // The earliest step comes first: a person fixes the form from the top.
  hints.sort((a, b) => a.step - b.step);
  const first = hints[0];
  if (first) {
    failure.step = first.step;
    failure.hint = first.hint;
    failure.stage = stageOf(first.hint);
  }
  return failure;
}

function locate(
  detail: FieldError,
  status: number,
  failure: ImportFailure,
): { step: FieldStep; hint: ImportHint } | undefined {
  const { field, reason } = detail;
  if (field === '/body/name') {
    failure.name ??= reason;
    return { step: 0, hint: status === 409 ? 'nameTaken' : 'nameInvalid' };
  }
  if (field === '/body/description') {
    failure.description ??= reason;
    return { step: 0, hint: 'details' };
  }
  if (field === '/body/labels' || field.startsWith('/body/labels/')) {
    failure.labels ??= reason;
    return { step: 0, hint: 'details' };
  }
  if (field === '/body/context') {
    failure.context ??= reason;
    failure.contextChoices = contextChoices(reason);
    return { step: 1, hint: 'pickContext' };
  }
  if (field === '/body/kubeconfig' || field.startsWith('/body/kubeconfig/')) {
    const path = field.slice('/body/kubeconfig'.length).split('/').filter(Boolean).map(unescapePointer);
    failure.kubeconfig.push({ path: path.join('/'), reason });
    return { step: 1, hint: kubeconfigHint(path.at(-1), reason, status) };
  }
  if (field.startsWith('/body/')) {
    failure.kubeconfig.push({ path: '', reason });
    return { step: 1, hint: 'kubeconfig' };
  }
  return undefined;
}

function kubeconfigHint(last: string | undefined, reason: string, status: number): ImportHint {
  if (status === 409) return 'alreadyImported';
  if (last === 'exec' || last === 'auth-provider') return 'credentialPlugin';
  if (last && filePathFields.has(last)) return 'filePaths';
  if (last === 'proxy-url') return 'proxyUrl';
  if (last === 'insecure-skip-tls-verify') return 'insecure';
  if (last === 'server') return 'server';
  // The server names the step that failed at the start of the reason.
  if (reason.startsWith('contacting the cluster failed')) return 'contact';
  if (reason.startsWith('verifying the credential') || reason.startsWith('the credential may not')) return 'rights';
  if (reason.startsWith('creating Bokujo')) return 'exchange';
  return 'kubeconfig';
}

function stageOf(hint: ImportHint): ImportStage | undefined {
  switch (hint) {
    case 'contact':
    case 'rights':
    case 'exchange':
      return hint;
    case 'alreadyImported':
    case 'forbidden':
    case 'general':
      return undefined;
    default:
      return 'check';
  }
}

/** `… pick one of "one", "two" and 3 more` → ["one", "two"]; shortened names (…) cannot be used. */
export function contextChoices(reason: string): string[] {
  const list = reason.split('pick one of ')[1];
  if (!list) return [];
  const names: string[] = [];
  for (const [quoted] of list.matchAll(/"(?:[^"\\]|\\.)*"/g)) {
    try {
      const name: unknown = JSON.parse(quoted);
      if (typeof name === 'string' && !name.endsWith('…')) names.push(name);
    } catch {
      // not a JSON string after all; skip it
    }
  }
  return names;
}

function unescapePointer(segment: string) {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}
