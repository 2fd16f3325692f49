import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as delay } from 'node:timers/promises';
import type { BenchContext } from '../context.ts';
import { log } from '../environment.ts';
import { HttpClient } from '../http.ts';
import { figure } from '../report.ts';
import { openSecret, sealSecret } from '../secret-envelope.ts';
import { round, summarise } from '../stats.ts';

const warmUp = 5;

/**
 * Clones the imported cluster's store row until there are `total` clusters: Bokujo refuses a
 * second import of the same apiserver (kube-system uid), so this is the only way to get 100
 * clusters from a few apiservers. The server must be stopped; SQLite is its default store.
 */
export function cloneClusterRows(dataDir: string, secretKey: Buffer, sourceId: string, total: number) {
  const db = new DatabaseSync(join(dataDir, 'bokujo.db'));
  try {
    const source = db.prepare('select * from clusters where id = ?').get(sourceId);
    if (!source) throw new Error(`cluster ${sourceId} is not in the store`);
    // A credential's envelope is bound to its cluster id, so each clone's is sealed anew.
    const credential = openSecret(secretKey, String(source['credential']), `cluster:${sourceId}:credential`);
    const columns = Object.keys(source);
    const insert = db.prepare(
      `insert into clusters (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
    );
    const existing = Number(db.prepare('select count(*) as n from clusters').get()!['n']);
    const time = new Date().toISOString();
    db.exec('begin');
    for (let i = existing; i < total; i++) {
      const id = `c-${randomBytes(6).toString('hex')}`;
      const row: Record<string, unknown> = {
        ...source,
        id,
        name: `bench-clone-${String(i).padStart(3, '0')}`,
        kube_system_uid: randomUUID(),
        credential: sealSecret(secretKey, credential, `cluster:${id}:credential`),
        created_at: time,
        updated_at: time,
      };
      insert.run(...columns.map((column) => row[column] as string | number | null));
    }
    db.exec('commit');
    return Math.max(0, total - existing);
  } finally {
    db.close();
  }
}

/** `GET /api/v1/clusters` with `total` clusters in the store (clones of the real one), after a restart. */
export async function clustersScenario(context: BenchContext) {
  const { options, server, token, clusterId } = context;
  log(`clusters: stopping the server to add ${options.clusters - 1} clones of ${clusterId}`);
  await server.stop();
  const added = cloneClusterRows(server.dataDir, server.secretKey, clusterId, options.clusters);
  await server.start();
  const api = new HttpClient(server.url, { maxSockets: 1, headers: { authorization: `Bearer ${token}` } });
  try {
    const times: number[] = [];
    let first = Number.NaN;
    let count = 0;
    for (let i = 0; i < warmUp + options.listRequests; i++) {
      const response = await api.request('GET', '/api/v1/clusters');
      if (response.status !== 200) throw new Error(`GET /api/v1/clusters answered ${response.status}`);
      count = (JSON.parse(response.body.toString()) as { items: unknown[] }).items.length;
      if (i === 0) first = response.ms;
      if (i >= warmUp) times.push(response.ms);
    }
    if (count !== options.clusters) throw new Error(`GET /api/v1/clusters listed ${count}, not ${options.clusters}`);
    // Then again once every clone has been health-checked, as a console that has run a while.
    await delay(12_000);
    const settled: number[] = [];
    for (let i = 0; i < options.listRequests; i++) settled.push((await api.request('GET', '/api/v1/clusters')).ms);
    const s = summarise(times);
    const t = summarise(settled);
    log(`clusters: ${count} clusters, p50 ${s.p50} ms, p95 ${s.p95} ms; after health checks p95 ${t.p95} ms`);
    context.figures.push(
      figure('clusters', `GET /api/v1/clusters (${count} clusters): first after restart`, round(first), 'ms'),
      figure('clusters', `GET /api/v1/clusters (${count} clusters): p50`, s.p50, 'ms'),
      figure('clusters', `GET /api/v1/clusters (${count} clusters): p95`, s.p95, 'ms', { max: 200 }),
      figure('clusters', `… 12 s later, all health-checked: p95`, t.p95, 'ms', { max: 200 }),
    );
    context.details.clusters = { clusters: count, cloned: added, firstMs: round(first), ms: s, settledMs: t };
  } finally {
    api.close();
  }
}
