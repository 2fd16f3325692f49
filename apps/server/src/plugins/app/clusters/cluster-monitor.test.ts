import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Cluster, startCluster } from '@bokujo/testenv';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../errors.ts';
import { now, openSqliteStore, type Store } from '../store/store.ts';
import {
  type ClusterCheckEvent,
  ClusterMonitor,
  type ClusterMonitorIntervals,
  type MonitorLog,
} from './cluster-monitor.ts';
import type { ClusterConnection } from './connection.ts';

/** The admin (system:masters) client certificate of a testenv cluster, as Bokujo stores a connection. */
function adminConnection(
  cluster: Cluster,
  clusterId: string,
  overrides: Partial<ClusterConnection> = {},
): ClusterConnection {
  const pem = (base64: string | undefined) => Buffer.from(base64 ?? '', 'base64').toString('utf8');
  const user = cluster.kubeConfig.getCurrentUser();
  return {
    clusterId,
    server: cluster.server,
    caData: pem(cluster.kubeConfig.getCurrentCluster()?.caData),
    insecureSkipTlsVerify: false,
    credential: { kind: 'client-certificate', certData: pem(user?.certData), keyData: pem(user?.keyData) },
    ...overrides,
  };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** A store with cluster rows and the resolver the monitor gets them through, as the server wires it. */
class Fixture {
  store!: Store;
  dir!: string;
  readonly connections = new Map<string, ClusterConnection>();
  readonly events: ClusterCheckEvent[] = [];
  readonly logs: { level: string; details: object; message: string }[] = [];
  readonly log: MonitorLog = {
    debug: (details, message) => this.logs.push({ level: 'debug', details, message }),
    info: (details, message) => this.logs.push({ level: 'info', details, message }),
    warn: (details, message) => this.logs.push({ level: 'warn', details, message }),
  };

  async open(): Promise<this> {
    this.dir = await mkdtemp(join(tmpdir(), 'bokujo-monitor-'));
    this.store = await openSqliteStore(this.dir);
    return this;
  }

  async close(): Promise<void> {
    await this.store.destroy();
    await rm(this.dir, { recursive: true, force: true });
  }

  async addCluster(connection: ClusterConnection): Promise<void> {
    const time = now();
    this.connections.set(connection.clusterId, connection);
    await this.store
      .insertInto('clusters')
      .values({
        id: connection.clusterId,
        name: connection.clusterId,
        description: '',
        labels: '{}',
        server: connection.server,
        ca_data: connection.caData ?? null,
        tls_server_name: null,
        insecure_skip_tls_verify: 0,
        // The monitor reads credentials only through resolveConnection; the envelope is not its business.
        credential: 'sealed-elsewhere',
        credential_kind: 'uploaded',
        kube_system_uid: `uid-${connection.clusterId}`,
        owner_user_id: null,
        state: 'Pending',
        state_reason: null,
        version: null,
        provider: null,
        summary: null,
        last_checked_at: null,
        created_at: time,
        updated_at: time,
      })
      .execute();
  }

  monitor(intervals: Partial<ClusterMonitorIntervals>, concurrency?: number): ClusterMonitor {
    return new ClusterMonitor({
      store: this.store,
      log: this.log,
      intervals,
      ...(concurrency ? { concurrency } : {}),
      resolveConnection: async (clusterId) => {
        const connection = this.connections.get(clusterId);
        if (!connection) throw new NotFoundError(`No cluster ${clusterId}`);
        return connection;
      },
      onCheck: (event) => this.events.push(event),
    });
  }

  row(id: string) {
    return this.store.selectFrom('clusters').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  checksOf(id: string, background = true): ClusterCheckEvent[] {
    return this.events.filter((event) => event.health.clusterId === id && event.background === background);
  }
}

describe('ClusterMonitor against testenv clusters', () => {
  let main: Cluster;
  let doomed: Cluster;
  // Accepts TCP connections and never answers, like an apiserver behind a dropping firewall.
  let blackhole: Server;
  let blackholeServer: string;
  let fixture: Fixture;
  let monitor: ClusterMonitor | undefined;

  beforeAll(async () => {
    [main, doomed] = await Promise.all([startCluster({ nodes: 2 }), startCluster({ nodes: 1 })]);
    blackhole = createServer(() => {});
    await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
    blackholeServer = `https://127.0.0.1:${(blackhole.address() as { port: number }).port}`;
  }, 600_000);

  afterAll(async () => {
    blackhole?.close();
    await Promise.all([main?.stop(), doomed?.stop()]);
  }, 180_000);

  afterEach(async () => {
    await monitor?.stop();
    monitor = undefined;
    await fixture?.close();
  });

  it('checkNow marks a reachable cluster Active and stores version, provider and summary', async () => {
    fixture = await new Fixture().open();
    await fixture.addCluster(adminConnection(main, 'main'));
    monitor = fixture.monitor({});

    const health = await monitor.checkNow('main');
    expect(health).toMatchObject({
      clusterId: 'main',
      state: 'Active',
      stateReason: null,
      version: 'v1.37.2',
      provider: 'kwok',
    });
    expect(health.summary).toMatchObject({ nodeCount: 2, readyNodeCount: 2, cpuMillicores: { capacity: 64_000 } });

    const row = await fixture.row('main');
    expect(row).toMatchObject({
      state: 'Active',
      state_reason: null,
      version: 'v1.37.2',
      provider: 'kwok',
      last_checked_at: health.lastCheckedAt,
    });
    expect(JSON.parse(row.summary ?? 'null')).toEqual(health.summary);
    expect(row.updated_at).toBe(health.lastCheckedAt);
  });

  it('checkNow refuses a cluster the store does not have', async () => {
    fixture = await new Fixture().open();
    monitor = fixture.monitor({});
    await expect(monitor.checkNow('nope')).rejects.toThrow(NotFoundError);
  });

  it(
    'marks an unreachable cluster Unavailable at once, backs off, and keeps checking the healthy one on time',
    { timeout: 60_000 },
    async () => {
      fixture = await new Fixture().open();
      const refusedServer = `https://127.0.0.1:${await closedPort()}`;
      await fixture.addCluster(adminConnection(main, 'main'));
      await fixture.addCluster(adminConnection(main, 'refused', { server: refusedServer }));
      await fixture.addCluster(adminConnection(main, 'hung', { server: blackholeServer }));
      const intervals = { healthyMs: 400, retryMs: 200, maxRetryMs: 800, checkTimeoutMs: 2000, listRefreshMs: 1000 };
      monitor = fixture.monitor(intervals);
      const started = Date.now();
      monitor.start();

      await until(
        async () => (await fixture.row('refused')).state === 'Unavailable',
        2000,
        'the refused cluster to be Unavailable',
      );
      expect(Date.now() - started).toBeLessThan(1500);
      await sleep(4000);
      await monitor.stop();

      const refused = await fixture.row('refused');
      expect(refused).toMatchObject({
        state: 'Unavailable',
        state_reason: `connection refused at ${refusedServer}`,
        version: null,
      });
      expect(await fixture.row('hung')).toMatchObject({
        state: 'Unavailable',
        state_reason: `timed out after 2 s at ${blackholeServer}`,
      });
      expect((await fixture.row('main')).state).toBe('Active');

      // Backoff: 200, 400, 800, then 800 ms (the cap) between the end of one check and the start of the next.
      const retries = fixture.checksOf('refused');
      const waits = retries.slice(1).map((event, index) => event.startedAt - (retries[index]?.finishedAt ?? 0));
      expect(waits.length).toBeGreaterThanOrEqual(4);
      const expected = [200, 400, 800, 800, 800, 800, 800];
      waits.forEach((wait, index) => {
        expect(wait).toBeGreaterThanOrEqual((expected[index] ?? 800) - 5);
        expect(wait).toBeLessThan((expected[index] ?? 800) + 400);
      });

      // The healthy cluster never waited on the others.
      const healthy = fixture.checksOf('main');
      expect(healthy.length).toBeGreaterThanOrEqual(7);
      const healthyWaits = healthy.slice(1).map((event, index) => event.startedAt - (healthy[index]?.finishedAt ?? 0));
      // Slack for a busy test machine, well below the 2 s a hung check holds its slot.
      for (const wait of healthyWaits) expect(wait).toBeLessThan(intervals.healthyMs + 600);
    },
  );

  it(
    'keeps a slot for healthy clusters while several clusters hang until their deadline',
    { timeout: 60_000 },
    async () => {
      fixture = await new Fixture().open();
      for (const id of ['hung-1', 'hung-2', 'hung-3'])
        await fixture.addCluster(adminConnection(main, id, { server: blackholeServer }));
      await fixture.addCluster(adminConnection(main, 'main'));
      const intervals = { healthyMs: 300, retryMs: 100, maxRetryMs: 100, checkTimeoutMs: 1500, listRefreshMs: 1000 };
      monitor = fixture.monitor(intervals, 2);
      monitor.start();
      await sleep(7000);
      await monitor.stop();

      for (const id of ['hung-1', 'hung-2', 'hung-3']) {
        expect(await fixture.row(id)).toMatchObject({
          state: 'Unavailable',
          state_reason: `timed out after 1.5 s at ${blackholeServer}`,
        });
      }
      expect((await fixture.row('main')).state).toBe('Active');

      // Never more than two checks at once.
      const checks = fixture.events.filter((event) => event.background);
      for (const check of checks) {
        const runningThen = checks.filter(
          (other) => other.startedAt <= check.startedAt && other.finishedAt > check.startedAt,
        );
        expect(runningThen.length).toBeLessThanOrEqual(2);
      }
      // Until every hung cluster has failed once nothing is known about them, and the healthy one
      // may queue behind two of them. From then on it runs on schedule, although the hung clusters
      // are due again and again and would take every slot.
      const hung = fixture.events.filter((event) => event.health.clusterId.startsWith('hung-'));
      const allKnownFailing = Math.max(
        ...['hung-1', 'hung-2', 'hung-3'].map(
          (id) => hung.find((event) => event.health.clusterId === id)?.finishedAt ?? Infinity,
        ),
      );
      const healthy = fixture.checksOf('main');
      const healthyWaits = healthy
        .slice(1)
        .map((event, index) => ({ previous: healthy[index]?.finishedAt ?? 0, startedAt: event.startedAt }))
        .filter(({ previous }) => previous >= allKnownFailing)
        .map(({ previous, startedAt }) => startedAt - previous);
      expect(healthyWaits.length).toBeGreaterThanOrEqual(5);
      // Slack for a busy test machine, well below the 2 s a hung check holds its slot.
      for (const wait of healthyWaits) expect(wait).toBeLessThan(intervals.healthyMs + 600);
    },
  );

  it('notices a cluster that stops, keeping its last good version and summary', { timeout: 120_000 }, async () => {
    fixture = await new Fixture().open();
    await fixture.addCluster(adminConnection(main, 'main'));
    await fixture.addCluster(adminConnection(doomed, 'doomed'));
    monitor = fixture.monitor({
      healthyMs: 500,
      retryMs: 500,
      maxRetryMs: 2000,
      checkTimeoutMs: 3000,
      listRefreshMs: 1000,
    });
    monitor.start();
    await until(
      async () => (await fixture.row('doomed')).state === 'Active',
      10_000,
      'the second cluster to be Active',
    );
    const active = await fixture.row('doomed');

    await doomed.stop();
    const stoppedAt = Date.now();
    await until(
      async () => (await fixture.row('doomed')).state === 'Unavailable',
      5000,
      'the stopped cluster to be Unavailable',
    );
    expect(Date.now() - stoppedAt).toBeLessThan(2000);

    const row = await fixture.row('doomed');
    expect(row.state_reason).toBe(`connection refused at ${doomed.server}`);
    expect(row).toMatchObject({ version: 'v1.37.2', provider: 'kwok', summary: active.summary });
    const health = await monitor.checkNow('doomed');
    expect(health).toMatchObject({ state: 'Unavailable', version: 'v1.37.2', provider: 'kwok' });
    expect(health.summary?.nodeCount).toBe(1);
    expect(fixture.logs.some((entry) => entry.level === 'warn' && entry.message === 'cluster is Unavailable')).toBe(
      true,
    );

    const mainChecks = fixture.checksOf('main').length;
    await sleep(1500);
    expect((await fixture.row('main')).state).toBe('Active');
    expect(fixture.checksOf('main').length).toBeGreaterThan(mainChecks);
  });

  it('picks up clusters added and forgets clusters removed while running', { timeout: 60_000 }, async () => {
    fixture = await new Fixture().open();
    await fixture.addCluster(adminConnection(main, 'main'));
    monitor = fixture.monitor({
      healthyMs: 300,
      retryMs: 300,
      maxRetryMs: 300,
      checkTimeoutMs: 3000,
      listRefreshMs: 200,
    });
    monitor.start();
    await until(async () => (await fixture.row('main')).state === 'Active', 5000, 'the first cluster to be Active');

    await fixture.addCluster(adminConnection(main, 'added'));
    await until(async () => (await fixture.row('added')).state === 'Active', 3000, 'the added cluster to be Active');

    await fixture.store.deleteFrom('clusters').where('id', '=', 'added').execute();
    fixture.connections.delete('added');
    await sleep(500);
    const checksAfterRemoval = fixture.checksOf('added').length;
    await sleep(1000);
    expect(fixture.checksOf('added').length).toBe(checksAfterRemoval);
    expect(fixture.logs.filter((entry) => entry.level === 'warn')).toEqual([]);
  });

  it(
    'stop() aborts a hanging check without blaming the cluster, and leaves nothing running',
    { timeout: 30_000 },
    async () => {
      fixture = await new Fixture().open();
      await fixture.addCluster(adminConnection(main, 'hung', { server: blackholeServer }));
      await fixture.addCluster(adminConnection(main, 'main'));
      monitor = fixture.monitor({
        healthyMs: 200,
        retryMs: 200,
        maxRetryMs: 200,
        checkTimeoutMs: 10_000,
        listRefreshMs: 200,
      });
      monitor.start();
      await until(async () => (await fixture.row('main')).state === 'Active', 5000, 'the healthy cluster to be Active');

      const stopping = Date.now();
      await monitor.stop();
      expect(Date.now() - stopping).toBeLessThan(1000);
      expect(await fixture.row('hung')).toMatchObject({ state: 'Pending', state_reason: null, last_checked_at: null });

      const events = fixture.events.length;
      const lastChecked = (await fixture.row('main')).last_checked_at;
      await sleep(800);
      expect(fixture.events.length).toBe(events);
      expect((await fixture.row('main')).last_checked_at).toBe(lastChecked);
    },
  );
});
