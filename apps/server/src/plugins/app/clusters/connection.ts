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

/** Looks up the connection of a cluster the caller may reach; throws NotFoundError otherwise. */
export type ConnectionResolver = (clusterId: string) => Promise<ClusterConnection>;
