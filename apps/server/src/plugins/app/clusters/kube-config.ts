import { KubeConfig } from '@kubernetes/client-node';
import type { ClusterConnection } from './connection.ts';

/**
 * A client-node KubeConfig built only from inline data that Bokujo checked itself: no file
 * paths, no exec plugins, nothing read from disk or run on the server.
 */
export function kubeConfigFor(connection: ClusterConnection): KubeConfig {
  const kubeConfig = new KubeConfig();
  const user =
    connection.credential.kind === 'token'
      ? { name: 'bokujo', token: connection.credential.token }
      : {
          name: 'bokujo',
          certData: Buffer.from(connection.credential.certData).toString('base64'),
          keyData: Buffer.from(connection.credential.keyData).toString('base64'),
        };
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: connection.clusterId,
        server: connection.server,
        skipTLSVerify: connection.insecureSkipTlsVerify,
        ...(connection.caData && !connection.insecureSkipTlsVerify
          ? { caData: Buffer.from(connection.caData).toString('base64') }
          : {}),
        ...(connection.tlsServerName ? { tlsServerName: connection.tlsServerName } : {}),
      },
    ],
    users: [user],
    contexts: [{ name: 'bokujo', cluster: connection.clusterId, user: 'bokujo' }],
    currentContext: 'bokujo',
  });
  return kubeConfig;
}
