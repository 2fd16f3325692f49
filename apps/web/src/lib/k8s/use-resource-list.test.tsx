import type { ResourceFilter, ResourceRow } from '@bokujo/shared';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '@/lib/query-client';
import { fakeServer, type RecordedRequest } from '@/testing/fake-server';
import { FakeSocket } from './fake-socket';
import { type ResourceListTarget, useResourceList } from './use-resource-list';

const listPath = '/api/v1/clusters/c1/resources/pods';

const pod = (index: number, state = 'Running'): ResourceRow => ({
  uid: `uid-${index}`,
  name: `web-${String(index).padStart(5, '0')}`,
  namespace: 'shop',
  createdAt: '2026-01-01T00:00:00Z',
  labels: {},
  state,
  cells: { ready: '1/1', restarts: 0, node: 'kwok-1', ip: null, owner: null },
});

/** A list of `count` pods answered page by page, narrowed by name as the server would. */
function podServer(count: number) {
  const pods = Array.from({ length: count }, (_, index) => pod(index));
  const server = fakeServer({
    [`GET ${listPath}`]: (request: RecordedRequest) => {
      const query = new URL(request.path, 'http://localhost').searchParams;
      const name = query.get('name');
      const matching = name ? pods.filter((row) => row.name.includes(name)) : pods;
      const offset = Number(query.get('offset'));
      const limit = Number(query.get('limit'));
      return {
        body: {
          items: matching.slice(offset, offset + limit),
          total: matching.length,
          offset,
          limit,
          resourceVersion: '5',
        },
      };
    },
  });
  const offsets = () =>
    server.to(`GET ${listPath}`).map((request) => new URL(request.path, 'http://l').searchParams.get('offset'));
  return { pods, server, offsets };
}

function renderList(target: ResourceListTarget) {
  const queryClient = createQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  return renderHook((props: ResourceListTarget) => useResourceList(props), { wrapper, initialProps: target });
}

beforeEach(() => FakeSocket.install(vi.stubGlobal));

describe('useResourceList', () => {
  it('reads only the pages of the visible rows, 100 at a time', async () => {
    const { offsets, server } = podServer(50_000);
    const { result } = renderList({ clusterId: 'c1', resource: 'pods', sort: 'name' });
    await waitFor(() => expect(result.current.total).toBe(50_000));
    expect(server.to(`GET ${listPath}`)[0]?.path).toBe(`${listPath}?sort=name&offset=0&limit=100`);
    expect(result.current.rowAt(99)?.name).toBe('web-00099');
    expect(result.current.rowAt(100)).toBeUndefined();

    act(() => result.current.setVisibleRange(24_990, 25_020));
    await waitFor(() => expect(result.current.rowAt(25_020)?.name).toBe('web-25020'));
    expect(result.current.rowAt(24_990)?.name).toBe('web-24990');
    expect(offsets()).toEqual(['0', '24900', '25000']);
    // The rows of the first page are not shown any more, and they are not asked for again.
    expect(result.current.rowAt(5)).toBeUndefined();
  });

  it('subscribes to the same filter and patches a modified row without touching the others', async () => {
    const { offsets } = podServer(300);
    const { result } = renderList({ clusterId: 'c1', resource: 'pods', filter: { name: 'web', state: '' } });
    await waitFor(() => expect(result.current.total).toBe(300));
    const socket = FakeSocket.current;
    act(() => socket.open());
    expect(socket.subscriptions).toEqual([
      { type: 'subscribe', id: expect.stringMatching(/^w/) as unknown, clusterId: 'c1', resource: 'pods', name: 'web' },
    ]);
    const id = socket.subscriptions[0]?.id ?? '';

    const before = { four: result.current.rowAt(4), five: result.current.rowAt(5) };
    act(() =>
      socket.answer({
        type: 'changes',
        id,
        resourceVersion: '6',
        changes: [{ type: 'MODIFIED', row: pod(5, 'CrashLoopBackOff') }],
      }),
    );
    await waitFor(() => expect(result.current.rowAt(5)?.state).toBe('CrashLoopBackOff'));
    expect(result.current.rowAt(5)).not.toBe(before.five);
    expect(result.current.rowAt(4)).toBe(before.four);
    expect(result.current.total).toBe(300);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(offsets()).toEqual(['0']);
  });

  it('counts added and deleted rows at once and then reads the visible pages again, once per burst', async () => {
    const { offsets, pods } = podServer(250);
    const { result } = renderList({ clusterId: 'c1', resource: 'pods' });
    await waitFor(() => expect(result.current.total).toBe(250));
    act(() => result.current.setVisibleRange(150, 180));
    await waitFor(() => expect(result.current.rowAt(150)).toBeDefined());
    const socket = FakeSocket.current;
    act(() => socket.open());
    const id = socket.subscriptions[0]?.id ?? '';

    pods.push(pod(250), pod(251));
    pods.splice(160, 1);
    act(() => {
      socket.answer({ type: 'changes', id, resourceVersion: '7', changes: [{ type: 'ADDED', row: pod(250) }] });
      socket.answer({
        type: 'changes',
        id,
        resourceVersion: '8',
        changes: [
          { type: 'ADDED', row: pod(251) },
          { type: 'DELETED', row: pod(160) },
        ],
      });
    });
    await waitFor(() => expect(result.current.total).toBe(251));
    expect(result.current.rowAt(160)?.name).toBe('web-00161');
    await waitFor(() => expect(offsets()).toHaveLength(3));
    // Page 0 left the screen: it is stale now, but only page 1 is read again.
    expect(offsets()).toEqual(['0', '100', '100']);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(offsets()).toHaveLength(3);
  });

  it('reads the list again when the server says changes were missed', async () => {
    const { offsets } = podServer(10);
    const { result } = renderList({ clusterId: 'c1', resource: 'pods' });
    await waitFor(() => expect(result.current.total).toBe(10));
    const socket = FakeSocket.current;
    act(() => socket.open());
    act(() => socket.answer({ type: 'resync', id: socket.subscriptions[0]?.id ?? '' }));
    await waitFor(() => expect(offsets()).toEqual(['0', '0']));
  });

  it('keeps the previous rows up while a new filter loads, and follows the new filter live', async () => {
    const { server } = podServer(300);
    let answer: (() => void) | undefined;
    const { result, rerender } = renderList({ clusterId: 'c1', resource: 'pods' });
    await waitFor(() => expect(result.current.total).toBe(300));
    const socket = FakeSocket.current;
    act(() => socket.open());
    const first = socket.subscriptions[0]?.id;

    // Hold the next answer back to see what shows meanwhile.
    const fetch = globalThis.fetch;
    vi.stubGlobal(
      'fetch',
      (input: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((resolve) => {
          answer = () => void fetch(input, init).then(resolve);
        }),
    );
    const filter: ResourceFilter = { name: 'web-0029' };
    rerender({ clusterId: 'c1', resource: 'pods', filter });
    expect(result.current.isPlaceholder).toBe(true);
    expect(result.current.total).toBe(300);
    expect(result.current.rowAt(0)?.name).toBe('web-00000');
    expect(socket.subscriptions).toEqual([expect.objectContaining({ name: 'web-0029' }) as unknown]);
    expect(socket.subscriptions[0]?.id).not.toBe(first);

    await waitFor(() => expect(answer).toBeDefined());
    act(() => answer?.());
    await waitFor(() => expect(result.current.total).toBe(10));
    expect(result.current.isPlaceholder).toBe(false);
    expect(result.current.rowAt(0)?.name).toBe('web-00290');
    expect(server.to(`GET ${listPath}`).at(-1)?.path).toBe(`${listPath}?name=web-0029&offset=0&limit=100`);
  });

  it('passes a refusal on as the error', async () => {
    fakeServer({
      [`GET ${listPath}`]: {
        status: 403,
        body: { statusCode: 403, code: 'FORBIDDEN', message: 'You may not list pods in the whole cluster' },
      },
    });
    const { result } = renderList({ clusterId: 'c1', resource: 'pods' });
    await waitFor(() => expect(result.current.error?.message).toBe('You may not list pods in the whole cluster'));
    expect(result.current.isPending).toBe(false);
    expect(result.current.total).toBeUndefined();
  });
});
