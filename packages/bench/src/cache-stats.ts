import type { HttpClient } from './http.ts';

export type CacheStats = Record<string, unknown>;

/** `GET /api/v1/system/caches`; undefined while the endpoint does not exist (404). */
export async function readCacheStats(api: HttpClient): Promise<CacheStats | undefined> {
  const response = await api.request('GET', '/api/v1/system/caches');
  if (response.status === 404) return undefined;
  if (response.status !== 200) {
    throw new Error(`GET /api/v1/system/caches answered ${response.status}: ${response.body.toString().slice(0, 300)}`);
  }
  return JSON.parse(response.body.toString()) as CacheStats;
}

type Entry = Record<string, unknown>;

function isEntry(value: unknown): value is Entry {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object nested anywhere in `value`, itself included. */
function* objects(value: unknown): Generator<Entry> {
  if (Array.isArray(value)) {
    for (const item of value) yield* objects(item);
  } else if (isEntry(value)) {
    yield value;
    for (const item of Object.values(value)) yield* objects(item);
  }
}

/**
 * The cache entries of one cluster and kind: objects naming the cluster (`clusterId`) and the kind
 * (`resource` key such as `pods`, or `kind` such as `Pod`). Tolerant of where the server nests them.
 */
export function cacheEntries(stats: CacheStats, clusterId: string, resource: string, kind: string): Entry[] {
  return [...objects(stats)].filter(
    (entry) =>
      entry['clusterId'] === clusterId &&
      (entry['resource'] === resource || entry['kind'] === kind || entry['kind'] === resource),
  );
}

/** A number from the first key matching `pattern` in the entry (e.g. /upstream/i). */
function numberAt(entry: Entry, pattern: RegExp): number | undefined {
  for (const [key, value] of Object.entries(entry)) {
    if (!pattern.test(key)) continue;
    if (typeof value === 'number') return value;
    if (Array.isArray(value)) return value.length;
  }
  return undefined;
}

/** Upstream watches, subscribers and rows of one cluster and kind, summed over its scopes. */
export function cacheCounts(stats: CacheStats, clusterId: string, resource: string, kind: string) {
  const entries = cacheEntries(stats, clusterId, resource, kind);
  const sum = (pattern: RegExp) => {
    const values = entries.map((entry) => numberAt(entry, pattern)).filter((value) => value !== undefined);
    return values.length === 0 ? Number.NaN : values.reduce((total, value) => total + value, 0);
  };
  return {
    entries: entries.length,
    upstreamWatches: sum(/upstream|watches/i),
    subscribers: sum(/subscriber/i),
    rows: sum(/^(rows|objects|items|size|count)$/i),
  };
}

/** `process.memoryUsage()` as the server reported it, wherever it sits in the answer. */
export function reportedMemory(stats: CacheStats): { rss?: number; heapUsed?: number; heapTotal?: number } {
  for (const entry of objects(stats)) {
    if (typeof entry['rss'] === 'number' && typeof entry['heapUsed'] === 'number') {
      return { rss: entry['rss'], heapUsed: entry['heapUsed'], heapTotal: entry['heapTotal'] as number };
    }
  }
  return {};
}
