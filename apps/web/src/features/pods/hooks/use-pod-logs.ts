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
  const [state, setState] = useState<LogState>({ phase: 'loading', text: '' });
  const { container = '', tailLines, timestamps = false, previous = false, follow = false } = options ?? {};
  useEffect(() => {
    if (!container) return undefined;
    const controller = new AbortController();
    setState({ phase: 'loading', text: '' });
    let text = '';
    streamPodLogs(
      clusterId,
      namespace,
      pod,
      { container, tailLines, timestamps, previous, follow },
      (chunk) => {
        if (chunk) text = keepTail(text + chunk, maxLogChars);
        setState({ phase: follow && !previous ? 'following' : 'loading', text });
      },
      controller.signal,
    ).then(
      () => {
        if (!controller.signal.aborted) setState({ phase: 'ended', text });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ phase: 'failed', text, error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => controller.abort();
  }, [clusterId, namespace, pod, container, tailLines, timestamps, previous, follow, reloads]);
  return state;
}
