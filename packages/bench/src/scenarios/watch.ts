import { setTimeout as delay } from 'node:timers/promises';
import type { WatchServerMessage } from '@bokujo/shared';
import { cacheCounts, readCacheStats } from '../cache-stats.ts';
import { type BenchContext, MissingPieceError } from '../context.ts';
import { log } from '../environment.ts';
import { figure } from '../report.ts';
import { createNamespace, createPods } from '../seed.ts';
import { round, summarise } from '../stats.ts';

const namespace = 'bench-watch';
const target = 'bench-watch-target';
const seqLabel = 'bench.bokujo.io/seq';
/** Sockets opened at once; the rest wait, as tabs do not all open in the same millisecond. */
const openBatch = 50;

interface Subscriber {
  socket: WebSocket;
  subscribed: Promise<void>;
  /** Sequence number → ms from the patch being sent to this subscriber reading the change. */
  received: Map<number, number>;
}

/**
 * Fan-out: N websocket subscribers on the pods of one namespace, M label patches timed from the
 * PATCH being sent to each subscriber reading the change; the server must hold one upstream watch.
 */
export async function watchScenario(context: BenchContext) {
  const { options, kube, server, token, clusterId, api } = context;
  await createNamespace(kube, namespace);
  await createPods(kube, [{ name: target, namespace, nodeName: 'kwok-node-1' }], 'watch pods');
  const sentAt = new Map<number, number>();
  const url = `${server.url.replace(/^http/, 'ws')}/api/v1/watch`;

  const open = (index: number): Subscriber => {
    // Node's WebSocket (undici) takes headers as an extension of the standard constructor.
    const init = { headers: { authorization: `Bearer ${token}`, origin: server.url } };
    const socket = new WebSocket(url, init);
    const received = new Map<number, number>();
    const subscribed = new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () =>
        socket.send(JSON.stringify({ type: 'subscribe', id: `s${index}`, clusterId, resource: 'pods', namespace })),
      );
      socket.addEventListener('error', () => reject(new Error(`subscriber ${index}: websocket error`)));
      socket.addEventListener('close', (event) =>
        reject(new Error(`subscriber ${index}: closed (${event.code} ${event.reason})`)),
      );
      socket.addEventListener('message', (event) => {
        const now = performance.now();
        const message = JSON.parse(String(event.data)) as WatchServerMessage;
        if (message.type === 'subscribed') resolve();
        else if (message.type === 'error') reject(new Error(`subscriber ${index}: ${message.code} ${message.message}`));
        else if (message.type === 'changes') {
          for (const change of message.changes) {
            const seq = Number(change.row.labels[seqLabel]);
            const sent = sentAt.get(seq);
            if (change.row.name === target && sent !== undefined && !received.has(seq)) received.set(seq, now - sent);
          }
        }
      });
    });
    subscribed.catch(() => undefined);
    return { socket, subscribed, received };
  };

  const subscribers: Subscriber[] = [];
  try {
    const probe = open(0);
    try {
      await Promise.race([probe.subscribed, delay(15_000).then(() => Promise.reject(new Error('no answer in 15 s')))]);
    } catch (error) {
      probe.socket.close();
      throw new MissingPieceError(`the watch websocket /api/v1/watch does not serve yet: ${(error as Error).message}`);
    }
    subscribers.push(probe);
    const openStart = performance.now();
    for (let start = 1; start < options.subscribers; start += openBatch) {
      const batch = Array.from({ length: Math.min(openBatch, options.subscribers - start) }, (_, i) => open(start + i));
      subscribers.push(...batch);
      await Promise.all(batch.map((subscriber) => subscriber.subscribed));
    }
    const subscribeSeconds = (performance.now() - openStart) / 1000;
    log(`watch: ${subscribers.length} subscribers in ${subscribeSeconds.toFixed(1)} s`);
    const stats = await readCacheStats(api);
    const rss = await server.rssBytes();
    const counts = stats ? cacheCounts(stats, clusterId, 'pods', 'Pod') : undefined;

    for (let seq = 1; seq <= options.changes; seq++) {
      sentAt.set(seq, performance.now());
      const response = await kube.request(
        'PATCH',
        `/api/v1/namespaces/${namespace}/pods/${target}`,
        { metadata: { labels: { [seqLabel]: String(seq) } } },
        { 'content-type': 'application/merge-patch+json' },
      );
      if (response.status !== 200) throw new Error(`patching ${target} answered ${response.status}`);
      // One change in flight at a time: each is timed on its own, not queued behind the last.
      const deadline = performance.now() + 10_000;
      while (performance.now() < deadline && subscribers.some((s) => !s.received.has(seq))) await delay(5);
      await delay(50);
    }
    const latencies = subscribers.flatMap((s) => [...s.received.values()]);
    const expected = subscribers.length * options.changes;
    const summary = summarise(latencies);
    log(`watch: ${latencies.length}/${expected} deliveries, p50 ${summary.p50} ms, p99 ${summary.p99} ms`);
    context.figures.push(
      figure('watch', `subscribers on pods of one namespace`, subscribers.length, ''),
      figure('watch', 'upstream watches for (cluster, pods)', counts?.upstreamWatches ?? Number.NaN, '', {
        equals: 1,
      }),
      figure('watch', 'event delivery p50', summary.p50, 'ms'),
      figure('watch', 'event delivery p99', summary.p99, 'ms'),
      figure('watch', 'deliveries missing after 10 s', expected - latencies.length, '', { equals: 0 }),
      figure('watch', `server RSS with ${subscribers.length} subscribers`, round(rss / 2 ** 20, 1), 'MiB'),
    );
    context.details.watch = {
      subscribers: subscribers.length,
      changes: options.changes,
      subscribeSeconds: round(subscribeSeconds, 1),
      deliveryMs: summary,
      deliveries: latencies.length,
      serverRssBytes: rss,
      expectedDeliveries: expected,
      podsCache: counts ?? 'GET /api/v1/system/caches answered 404',
      cacheStats: stats,
    };
  } finally {
    for (const subscriber of subscribers) subscriber.socket.close();
  }
}
