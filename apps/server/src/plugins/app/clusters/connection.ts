import type { Principal } from '../auth/principal.ts';

/** How Bokujo reaches one imported cluster's kube-apiserver with its own credential. */
export interface ClusterConnection {
  clusterId: string;
  /** https URL of the kube-apiserver, no trailing slash. */
  server: string;
  /** PEM bundle to verify the apiserver; absent means the system CAs. */
  caData?: string;
  /** Only when the importer asked for it explicitly; shown as a warning on the cluster. */
  insecureSkipTlsVerify: boolean;
  /** Optional TLS server name when it differs from the URL's host. */
  tlsServerName?: string;
  credential: { kind: 'token'; token: string } | { kind: 'client-certificate'; certData: string; keyData: string };
}

/**
 * Looks up the connection of a cluster; with a principal, only of a cluster that person holds a
 * role in (else NotFoundError), so that Bokujo never forwards calls for strangers to a cluster.
 */
export type ConnectionResolver = (clusterId: string, principal?: Principal) => Promise<ClusterConnection>;
