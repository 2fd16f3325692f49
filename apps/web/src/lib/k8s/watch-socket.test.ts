import type { ResourceRow } from '@bokujo/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from './fake-socket';
import { WatchSocket } from './watch-socket';

const row = (name: string): ResourceRow => ({
  uid: `uid-${name}`,
  name,
  namespace: 'shop',
  createdAt: '2026-01-01T00:00:00Z',
  labels: {},
  state: 'Running',
  cells: {},
});

function setup() {
  const sockets: FakeSocket[] = [];
  const watch = new WatchSocket({
    url: () => 'ws://bokujo.test/api/v1/watch',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    backoffMs: { initial: 100, max: 400 },
    lingerMs: 1_000,
  });
  const listener = () => ({ onChanges: vi.fn(), onResync: vi.fn(), onError: vi.fn() });
  return { sockets, watch, listener };
}

afterEach(() => vi.useRealTimers());

describe('watch socket', () => {
  it('opens one socket for all subscriptions, with unique ids, and closes it a while after the last one ends', () => {
    vi.useFakeTimers();
    const { sockets, watch, listener } = setup();
    const stopPods = watch.subscribe(
      { clusterId: 'c1', resource: 'pods', namespace: 'shop', name: undefined, project: '' },
      listener(),
    );
    const stopNodes = watch.subscribe({ clusterId: 'c1', resource: 'nodes' }, listener());
    expect(sockets).toHaveLength(1);
    expect(sockets[0]?.url).toBe('ws://bokujo.test/api/v1/watch');

    sockets[0]?.open();
    const [pods, nodes] = sockets[0]?.sent ?? [];
    // Empty or missing filter fields are not sent: the server would refuse an empty string.
    expect(pods).toEqual({ type: 'subscribe', id: pods?.id, clusterId: 'c1', resource: 'pods', namespace: 'shop' });
    expect(pods?.id).toMatch(/^w\d+$/);
    expect(nodes).toMatchObject({ type: 'subscribe', clusterId: 'c1', resource: 'nodes' });
    expect(pods?.id).not.toBe(nodes?.id);

    stopPods();
    expect(sockets[0]?.sent.at(-1)).toEqual({ type: 'unsubscribe', id: pods?.id });
    expect(sockets[0]?.closed).toBe(false);
    stopNodes();
    expect(watch.size).toBe(0);
    // A view changing its filter subscribes again at once: that reuses the socket.
    vi.advanceTimersByTime(500);
    const stopAgain = watch.subscribe({ clusterId: 'c1', resource: 'pods', name: 'web' }, listener());
    expect(sockets).toHaveLength(1);
    expect(sockets[0]?.sent.at(-1)).toMatchObject({ type: 'subscribe', name: 'web' });
    stopAgain();
    vi.advanceTimersByTime(999);
    expect(sockets[0]?.closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(sockets[0]?.closed).toBe(true);

    // A later subscription opens a new socket.
    watch.subscribe({ clusterId: 'c1', resource: 'pods' }, listener());
    expect(sockets).toHaveLength(2);
  });

  it('hands each subscription only its own messages', () => {
    const { sockets, watch, listener } = setup();
    const first = listener();
    const second = listener();
    watch.subscribe({ clusterId: 'c1', resource: 'pods' }, first);
    watch.subscribe({ clusterId: 'c2', resource: 'pods' }, second);
    const socket = sockets[0];
    socket?.open();
    const [a, b] = (socket?.sent ?? []).map((message) => message.id);
    const changes = [{ type: 'ADDED' as const, row: row('web-1') }];
    socket?.answer({ type: 'changes', id: a ?? '', resourceVersion: '7', changes });
    socket?.answer({ type: 'resync', id: b ?? '' });
    socket?.answer({ type: 'error', id: b ?? '', statusCode: 403, code: 'FORBIDDEN', message: 'no' });
    socket?.answer({ type: 'changes', id: 'w999', resourceVersion: '8', changes });

    expect(first.onChanges).toHaveBeenCalledExactlyOnceWith(changes);
    expect(first.onResync).not.toHaveBeenCalled();
    expect(second.onChanges).not.toHaveBeenCalled();
    expect(second.onResync).toHaveBeenCalledOnce();
    expect(second.onError).toHaveBeenCalledWith(expect.objectContaining({ statusCode: 403, code: 'FORBIDDEN' }));
  });

  it('reconnects with growing waits, subscribes again and asks the views to read their lists again', () => {
    vi.useFakeTimers();
    const { sockets, watch, listener } = setup();
    const pods = listener();
    watch.subscribe({ clusterId: 'c1', resource: 'pods', state: 'Running' }, pods);
    sockets[0]?.open();
    const id = sockets[0]?.sent[0]?.id ?? '';
    sockets[0]?.answer({ type: 'subscribed', id, resourceVersion: '1' });
    expect(pods.onResync).not.toHaveBeenCalled();

    sockets[0]?.drop();
    vi.advanceTimersByTime(99);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    // This one fails too: the next wait doubles.
    sockets[1]?.drop();
    vi.advanceTimersByTime(199);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);

    sockets[2]?.open();
    expect(sockets[2]?.sent).toEqual([{ type: 'subscribe', id, clusterId: 'c1', resource: 'pods', state: 'Running' }]);
    sockets[2]?.answer({ type: 'subscribed', id, resourceVersion: '9' });
    expect(pods.onResync).toHaveBeenCalledOnce();
    // A second `subscribed` (nothing was lost since) asks nothing more.
    sockets[2]?.answer({ type: 'subscribed', id, resourceVersion: '9' });
    expect(pods.onResync).toHaveBeenCalledOnce();

    // Waits start small again after a good connection.
    sockets[2]?.drop();
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(4);
  });

  it('stops reconnecting when the last view goes away meanwhile', () => {
    vi.useFakeTimers();
    const { sockets, watch, listener } = setup();
    const stop = watch.subscribe({ clusterId: 'c1', resource: 'pods' }, listener());
    sockets[0]?.open();
    sockets[0]?.drop();
    stop();
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
  });

  it('caps the wait between attempts', () => {
    vi.useFakeTimers();
    const { sockets, watch, listener } = setup();
    watch.subscribe({ clusterId: 'c1', resource: 'pods' }, listener());
    for (const wait of [100, 200, 400, 400]) {
      const count = sockets.length;
      sockets.at(-1)?.drop();
      vi.advanceTimersByTime(wait - 1);
      expect(sockets).toHaveLength(count);
      vi.advanceTimersByTime(1);
      expect(sockets).toHaveLength(count + 1);
    }
  });
});
