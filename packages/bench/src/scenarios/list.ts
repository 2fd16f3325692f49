import { setTimeout as delay } from 'node:timers/promises';
import { cacheCounts, readCacheStats, reportedMemory } from '../cache-stats.ts';
import { type BenchContext, MissingPieceError } from '../context.ts';
import { log } from '../environment.ts';
import { HttpClient, HttpStatusError, isMissingRoute } from '../http.ts';
import { figure } from '../report.ts';
import { seedPods, type SeededPods } from '../seed.ts';
import { round, since, summarise } from '../stats.ts';

const pageSize = 100;
const mib = 1024 * 1024;

/** The pods of the list and browser scenarios, made once: projects through Bokujo, pods directly. */
export async function ensureSeeded(context: BenchContext): Promise<SeededPods> {
  if (context.seeded) return context.seeded;
  const { options, api, clusterId, kube } = context;
  const projectIds: string[] = [];
  for (let i = 0; i < options.projects; i++) {
    const { id } = await api.json<{ id: string }>('POST', `/api/v1/clusters/${clusterId}/projects`, {
      name: `bench-project-${i}`,
    });
    projectIds.push(id);
  }
  log(`seeding ${options.pods} pods in ${options.namespaces} namespaces on ${options.nodes} nodes`);
  context.seeded = await seedPods(kube, options, projectIds);
  return context.seeded;
}

interface ListPage {
  total: number;
  items: { name: string }[];
}

export function listPath(clusterId: string, query: Record<string, string | number | undefined>) {
  const search = new URLSearchParams(
    Object.entries(query).flatMap(([key, value]) =>
      value === undefined ? [] : [[key, String(value)] as [string, string]],
    ),
  );
  return `/api/v1/clusters/${clusterId}/resources/pods?${search.toString()}`;
}

/** `dur=` of a Server-Timing header (summed), if the server sends one. */
export function serverTimingMs(header: string | string[] | undefined): number | undefined {
  const text = Array.isArray(header) ? header.join(',') : header;
  if (!text) return undefined;
  const durations = [...text.matchAll(/dur=([\d.]+)/g)].map((match) => Number(match[1]));
  return durations.length === 0 ? undefined : durations.reduce((sum, value) => sum + value, 0);
}

/**
 * The cached list endpoint at full size: the first page sorted by name, filtered by name, and by
 * project, each timed on loopback one request at a time, after the cache holds every pod.
 */
export async function listScenario(context: BenchContext) {
  const { options, server, token, clusterId } = context;
  const api = new HttpClient(server.url, { maxSockets: 1, headers: { authorization: `Bearer ${token}` } });
  try {
    // Asked of another kind, so that the pods cache starts only after seeding, with all 50k to list.
    const probe = await api.request('GET', `/api/v1/clusters/${clusterId}/resources/storageclasses?limit=1`);
    if (isMissingRoute(probe)) {
      throw new MissingPieceError('GET /api/v1/clusters/:clusterId/resources/:resource does not exist yet');
    }
    const seeded = await ensureSeeded(context);

    // The first request after seeding starts (or catches up) the cache; time until it holds every pod.
    const fillStart = performance.now();
    // A cold cache may fail its first list at this size; note each failure and ask again.
    const failures: { afterSeconds: number; status: number; message: string }[] = [];
    let first: ListPage | undefined;
    while (!first) {
      try {
        first = await api.json<ListPage>('GET', listPath(clusterId, { sort: 'name', limit: pageSize }));
      } catch (error) {
        if (!(error instanceof HttpStatusError) || error.status < 500 || performance.now() - fillStart > 300_000) {
          throw error;
        }
        failures.push({
          afterSeconds: round(since(fillStart) / 1000, 1),
          status: error.status,
          message: error.message,
        });
        log(`list: first request failed (${error.message.slice(0, 200)}); asking again`);
        await delay(2000);
      }
    }
    const firstMs = performance.now() - fillStart;
    const expected = seeded.podCount + options.proxyPods * (context.details.proxy ? 1 : 0);
    const deadline = Date.now() + 300_000;
    while (first.total < seeded.podCount && Date.now() < deadline) {
      await delay(500);
      first = await api.json<ListPage>('GET', listPath(clusterId, { sort: 'name', limit: 1 }));
    }
    if (first.total < seeded.podCount) {
      throw new Error(`the cached pods list holds ${first.total} pods, not the ${seeded.podCount} seeded`);
    }
    const fillSeconds = (performance.now() - fillStart) / 1000;
    log(`list: cache holds ${first.total} pods (${fillSeconds.toFixed(1)} s after the first request)`);

    const [projectId, projectNamespaces] = [...seeded.projects.entries()][0] ?? [];
    const series = [
      { measure: 'first page sorted by name', query: { sort: 'name', limit: pageSize }, total: undefined },
      {
        measure: `filtered by name "${seeded.nameFilter}"`,
        query: { name: seeded.nameFilter, sort: 'name', limit: pageSize },
        total: undefined,
      },
      ...(projectId
        ? [
            {
              measure: `filtered by project (${projectNamespaces!.length} namespaces)`,
              query: { project: projectId, sort: 'name', limit: pageSize },
              total: Math.floor(seeded.podCount / seeded.namespaces.length) * projectNamespaces!.length,
            },
          ]
        : []),
    ];
    const details: Record<string, unknown> = {
      pods: seeded.podCount,
      namespaces: seeded.namespaces.length,
      projects: seeded.projects.size,
      nodes: options.nodes,
      seedSeconds: round(seeded.seedSeconds, 1),
      firstRequestMs: round(firstMs),
      cacheFillSeconds: round(fillSeconds, 1),
      cachedTotal: first.total,
      expectedTotalAtLeast: expected,
    };
    details['firstRequestFailures'] = failures;
    context.figures.push(
      figure(
        'list',
        'first request answered (starts the cache)',
        round(firstMs),
        'ms',
        undefined,
        failures.length > 0 ? `after ${failures.length} failed: ${failures[0]!.message.slice(0, 160)}` : undefined,
      ),
      figure('list', `cache holds all ${seeded.podCount} pods after`, round(fillSeconds, 1), 's'),
    );
    for (const { measure, query, total } of series) {
      const client: number[] = [];
      const reported: number[] = [];
      let matched = 0;
      for (let i = 0; i < 3 + options.listRequests; i++) {
        const response = await api.request('GET', listPath(clusterId, query));
        if (response.status !== 200) {
          throw new Error(`list ${measure} answered ${response.status}: ${response.body.toString().slice(0, 300)}`);
        }
        const page = JSON.parse(response.body.toString()) as ListPage;
        matched = page.total;
        if (i < 3) continue;
        client.push(response.ms);
        const serverMs = serverTimingMs(response.headers['server-timing']);
        if (serverMs !== undefined) reported.push(serverMs);
      }
      if (total !== undefined && matched < total) {
        log(`list: ${measure} matched ${matched} pods; about ${total} expected`);
      }
      const c = summarise(client);
      context.figures.push(
        figure('list', `${measure}: p50`, c.p50, 'ms'),
        figure('list', `${measure}: p95`, c.p95, 'ms', { max: 100 }, 'client side, loopback'),
      );
      const entry: Record<string, unknown> = { query, matched, clientMs: c };
      if (reported.length > 0) {
        const s = summarise(reported);
        context.figures.push(figure('list', `${measure}: server-reported p95`, s.p95, 'ms', { max: 100 }));
        entry['serverReportedMs'] = s;
      }
      details[measure] = entry;
      log(`list ${measure}: ${matched} matched, p50 ${c.p50} ms, p95 ${c.p95} ms`);
    }

    const rss = await server.rssBytes();
    context.figures.push(figure('list', 'server RSS with the cache warm (/proc VmRSS)', round(rss / mib, 1), 'MiB'));
    details['serverRssBytes'] = rss;
    const stats = await readCacheStats(api);
    if (stats) {
      const memory = reportedMemory(stats);
      if (memory.heapUsed !== undefined) {
        context.figures.push(
          figure('list', 'server heapUsed (/api/v1/system/caches)', round(memory.heapUsed / mib, 1), 'MiB'),
        );
      }
      details['cacheStats'] = stats;
      details['podsCache'] = cacheCounts(stats, clusterId, 'pods', 'Pod');
    } else {
      details['cacheStats'] = 'GET /api/v1/system/caches answered 404';
    }
    context.details.list = details;
  } finally {
    api.close();
  }
}
