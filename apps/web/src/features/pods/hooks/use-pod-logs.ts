import { useEffect, useState } from 'react';
import { type LogOptions, streamPodLogs } from '../api/stream-pod-logs';
import { keepTail } from '../utils/log-search';

/** About 2 MB of text: enough for any screenful, small enough for a tab left following for hours. */
const maxLogChars = 2_000_000;

export type LogState =
  | { phase: 'loading'; text: string }
  | { phase: 'following'; text: string }
  | { phase: 'ended'; text: string }
  | { phase: 'failed'; text: string; error: Error };

/**
 * A container's log, read again whenever an option changes or `reloads` counts up. A followed
 * log keeps growing until the options change or the page goes away; both abort the request.
 */
export function usePodLogs(
  clusterId: string,
  namespace: string,
  pod: string,
  options: LogOptions | undefined,
  reloads: number,
): LogState {
  const { container = '', tailLines, timestamps = false, previous = false, follow = false } = options ?? {};
  // Each read is known by what it asked for; what an earlier read left behind is not shown.
  const request = JSON.stringify([
    clusterId,
    namespace,
    pod,
    container,
    tailLines,
    timestamps,
    previous,
    follow,
    reloads,
  ]);
  const [state, setState] = useState<{ request: string; logs: LogState } | undefined>(undefined);
  useEffect(() => {
    if (!container) return undefined;
    const controller = new AbortController();
    let text = '';
    streamPodLogs(
      clusterId,
      namespace,
      pod,
      { container, tailLines, timestamps, previous, follow },
      (chunk) => {
        if (chunk) text = keepTail(text + chunk, maxLogChars);
        setState({ request, logs: { phase: follow && !previous ? 'following' : 'loading', text } });
      },
      controller.signal,
    ).then(
      () => {
        if (!controller.signal.aborted) setState({ request, logs: { phase: 'ended', text } });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure = error instanceof Error ? error : new Error(String(error));
        setState({ request, logs: { phase: 'failed', text, error: failure } });
      },
    );
    return () => controller.abort();
  }, [request, clusterId, namespace, pod, container, tailLines, timestamps, previous, follow]);
  return state?.request === request ? state.logs : { phase: 'loading', text: '' };
}
