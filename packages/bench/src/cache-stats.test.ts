import { describe, expect, it } from 'vitest';
import { cacheCounts, reportedMemory } from './cache-stats.ts';

describe('cacheCounts', () => {
  const stats = {
    caches: [
      { clusterId: 'c-1', resource: 'pods', scope: 'cluster', rows: 50_000, subscribers: 998, upstreamWatches: 1 },
      { clusterId: 'c-1', resource: 'pods', scope: 'ns:demo', rows: 10, subscribers: 2, upstreamWatches: 1 },
      { clusterId: 'c-1', resource: 'nodes', rows: 100, subscribers: 0, upstreamWatches: 1 },
      { clusterId: 'c-2', resource: 'pods', rows: 5, subscribers: 1, upstreamWatches: 1 },
    ],
    memoryUsage: { rss: 300_000_000, heapUsed: 120_000_000, heapTotal: 150_000_000 },
  };

  it('sums the entries of one cluster and kind over their scopes', () => {
    expect(cacheCounts(stats, 'c-1', 'pods', 'Pod')).toEqual({
      entries: 2,
      upstreamWatches: 2,
      subscribers: 1000,
      rows: 50_010,
    });
  });

  it('answers NaN counts when the server has no entry for the kind', () => {
    expect(cacheCounts(stats, 'c-3', 'pods', 'Pod')).toMatchObject({ entries: 0, upstreamWatches: Number.NaN });
  });

  it('finds the process memory wherever the answer nests it', () => {
    expect(reportedMemory(stats)).toEqual({ rss: 300_000_000, heapUsed: 120_000_000, heapTotal: 150_000_000 });
    expect(reportedMemory({})).toEqual({});
  });
});
