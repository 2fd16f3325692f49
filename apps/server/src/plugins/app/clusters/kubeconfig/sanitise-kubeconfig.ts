import type { FieldError } from '@bokujo/shared';
import type { ClusterConnection } from '../connection.ts';
import { checkClusterEntry } from './check-cluster-entry.ts';
import { checkUserEntry, type Credential } from './check-user-entry.ts';
import { refuseIfAnyProblem } from './kubeconfig-problems.ts';
import { parseKubeconfigYaml } from './parse-kubeconfig-yaml.ts';
import { chooseContext, readKubeconfigEntries, resolveContext } from './read-kubeconfig-entries.ts';

export { maxKubeconfigBytes } from './parse-kubeconfig-yaml.ts';
export { contextChoiceField, kubeconfigField } from './kubeconfig-problems.ts';
export { isForbiddenAddress } from './check-server-url.ts';

export interface SanitiseOptions {
  /** The context the person picked; else current-context; else the only context. */
  context?: string | undefined;
  /** The explicit opt-in that lets `insecure-skip-tls-verify: true` through. */
  allowInsecureSkipTlsVerify: boolean;
  /** Clock for certificate validity; tests set it. */
  now?: Date;
}

/** Everything Bokujo keeps from an upload: a fresh object, built from known fields only. */
export interface SanitisedKubeconfig {
  contextName: string;
  clusterName: string;
  userName: string;
  /** https URL, no trailing slash; a path prefix is kept for apiservers behind a proxy. */
  server: string;
  /** PEM certificates to trust; absent means the system CAs (or none are needed when insecure). */
  caData?: string;
  tlsServerName?: string;
  insecureSkipTlsVerify: boolean;
  credential: Credential;
  /** Every context name in the upload, for the context picker. */
  contexts: string[];
}

export interface KubeconfigContexts {
  contexts: string[];
  currentContext: string | undefined;
}

/**
 * Checks an uploaded kubeconfig before any Kubernetes library sees it and extracts the one
 * cluster/user pair to import. Only the chosen context's cluster and user are examined: other
 * entries are dropped unread, so an unrelated exec user elsewhere in the file does not block the
 * import. A user with both a token and a client certificate is refused as ambiguous.
 * Throws InputError (400) whose details name each refused field as a JSON pointer under
 * `/body/kubeconfig` (or `/body/context` for the context choice).
 */
export function sanitiseKubeconfig(text: string, options: SanitiseOptions): SanitisedKubeconfig {
  const entries = readKubeconfigEntries(parseKubeconfigYaml(text));
  const context = chooseContext(entries, options.context);
  const target = resolveContext(entries, context);
  const problems: FieldError[] = [];
  const cluster = checkClusterEntry(target.cluster, options, problems);
  const credential = checkUserEntry(target.user, problems, options.now ?? new Date());
  refuseIfAnyProblem(problems);
  if (!credential) throw new Error('a user entry without problems always yields a credential');
  return {
    contextName: context.name,
    clusterName: target.cluster.name,
    userName: target.user.name,
    server: cluster.server,
    ...(cluster.caData ? { caData: cluster.caData } : {}),
    ...(cluster.tlsServerName ? { tlsServerName: cluster.tlsServerName } : {}),
    insecureSkipTlsVerify: cluster.insecureSkipTlsVerify,
    credential,
    contexts: entries.contexts.map((entry) => entry.name),
  };
}

/** The contexts of an upload, for a "pick a context" step; same YAML and structure checks. */
export function listContexts(text: string): KubeconfigContexts {
  const entries = readKubeconfigEntries(parseKubeconfigYaml(text));
  return { contexts: entries.contexts.map((entry) => entry.name), currentContext: entries.currentContext };
}

/** The connection Bokujo would use with the uploaded credential itself. */
export function toClusterConnection(clusterId: string, upload: SanitisedKubeconfig): ClusterConnection {
  return {
    clusterId,
    server: upload.server,
    ...(upload.caData ? { caData: upload.caData } : {}),
    ...(upload.tlsServerName ? { tlsServerName: upload.tlsServerName } : {}),
    insecureSkipTlsVerify: upload.insecureSkipTlsVerify,
    credential: upload.credential,
  };
}
