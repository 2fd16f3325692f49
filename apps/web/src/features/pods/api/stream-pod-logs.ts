import type { ErrorResponse } from '@bokujo/shared';
import { ApiError } from '@/lib/api-client';
import { isKubeStatus } from '@/lib/k8s/status';
import { k8sPath } from '@/lib/k8s/types';
import { podApiPath } from './pod-path';

export interface LogOptions {
  container: string;
  /** Lines from the end; undefined for the whole log. */
  tailLines: number | undefined;
  timestamps: boolean;
  /** The instance before the last restart. */
  previous: boolean;
  /** Keep the response open and receive new lines as they are written. */
  follow: boolean;
}

export function podLogsPath(clusterId: string, namespace: string, pod: string, options: LogOptions) {
  const query = new URLSearchParams({ container: options.container });
  if (options.tailLines !== undefined) query.set('tailLines', String(options.tailLines));
  if (options.timestamps) query.set('timestamps', 'true');
  if (options.previous) query.set('previous', 'true');
  // The kubelet refuses follow for a previous instance: it has ended.
  if (options.follow && !options.previous) query.set('follow', 'true');
  return k8sPath(clusterId, `${podApiPath(namespace, pod)}/log?${query}`);
}

/**
 * Reads a container's log as text, calling `onText` with each decoded chunk as it arrives, so a
 * followed log shows lines while the response stays open (`onText('')` first, once the apiserver
 * has accepted, so a quiet log reads as open rather than still loading). Resolves when the log ends (never for
 * `follow` until `signal` aborts); rejects with an ApiError carrying Kubernetes' reason.
 */
export async function streamPodLogs(
  clusterId: string,
  namespace: string,
  pod: string,
  options: LogOptions,
  onText: (text: string) => void,
  signal: AbortSignal,
): Promise<void> {
  const response = await fetch(podLogsPath(clusterId, namespace, pod, options), {
    credentials: 'same-origin',
    signal,
  });
  if (!response.ok) {
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const message = isKubeStatus(body) ? (body.message ?? response.statusText) : text || response.statusText;
    // As apiFetch does, Kubernetes' Status rides where Bokujo's own error body would.
    throw new ApiError(response.status, message, isKubeStatus(body) ? (body as unknown as ErrorResponse) : undefined);
  }
  onText('');
  if (!response.body) {
    onText(await response.text());
    return;
  }
  const reader = response.body.getReader();
  // A chunk may end inside a multi-byte character; the decoder carries it over to the next.
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      const rest = decoder.decode();
      if (rest) onText(rest);
      return;
    }
    const text = decoder.decode(value, { stream: true });
    if (text) onText(text);
  }
}
