import { k8sPath } from '@/lib/k8s/types';
import { podApiPath } from './pod-path';

/**
 * The websocket address of an interactive shell in a container, through Bokujo's passthrough
 * (same origin, so the session cookie goes along and the Origin check passes). With a TTY, stderr
 * is merged into stdout by the terminal, so it is not asked for separately.
 */
export function execWebSocketUrl(
  location: { protocol: string; host: string },
  clusterId: string,
  namespace: string,
  pod: string,
  { container, command }: { container: string; command: string },
) {
  const query = new URLSearchParams({ container, command, stdin: 'true', stdout: 'true', tty: 'true' });
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${k8sPath(clusterId, `${podApiPath(namespace, pod)}/exec?${query}`)}`;
}
