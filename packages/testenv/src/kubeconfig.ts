import { stringify } from 'yaml';

export interface KubeconfigUser {
  /** Name of the user entry, e.g. `dev-admin`. */
  name: string;
  cert?: string;
  key?: string;
  token?: string;
}

/**
 * A single-context kubeconfig with every credential embedded as data: no file paths, so the file
 * can be copied elsewhere or uploaded to Bokujo, whose importer rejects path references.
 */
export function kubeconfigYaml(options: {
  cluster: string;
  server: string;
  caCert: string;
  user: KubeconfigUser;
}): string {
  const base64 = (text: string): string => Buffer.from(text).toString('base64');
  const user: Record<string, string> = {};
  if (options.user.cert) user['client-certificate-data'] = base64(options.user.cert);
  if (options.user.key) user['client-key-data'] = base64(options.user.key);
  if (options.user.token) user.token = options.user.token;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: options.cluster,
        cluster: { server: options.server, 'certificate-authority-data': base64(options.caCert) },
      },
    ],
    users: [{ name: options.user.name, user }],
    contexts: [{ name: options.cluster, context: { cluster: options.cluster, user: options.user.name } }],
    'current-context': options.cluster,
    preferences: {},
  });
}
