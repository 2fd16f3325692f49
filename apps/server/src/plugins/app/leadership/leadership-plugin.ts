import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AdvisoryLockLeadership } from './advisory-lock-leadership.ts';
import { type Leadership, SingleProcessLeadership } from './leadership.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Whether this replica runs the background work; see Leadership. */
    leadership: Leadership;
    /**
     * True from the moment shutdown begins: readiness answers 503 so that load balancers stop
     * sending new requests while the ones in flight finish.
     */
    draining: boolean;
  }
}

export interface LeadershipPluginOptions {
  /** PostgreSQL shared by the replicas (BOKUJO_DATABASE_URL); without it this process always leads. */
  databaseUrl: string | undefined;
  /** How often a replica that does not lead tries to take over; 3 s by default. */
  retryMs?: number;
}

/**
 * Register before the plugins that start background work: they subscribe with
 * `app.leadership.onChange` and start or stop their work when leadership comes or goes. Leading
 * begins when the app is ready, and ends first thing on close, so another replica takes over while
 * this one drains its requests.
 */
export default fp(
  async function leadershipPlugin(app: FastifyInstance, { databaseUrl, retryMs }: LeadershipPluginOptions) {
    const log = app.log.child({ component: 'leadership' });
    const leadership: Leadership = databaseUrl
      ? new AdvisoryLockLeadership({ databaseUrl, log, ...(retryMs ? { retryMs } : {}) })
      : new SingleProcessLeadership(log);
    app.decorate('leadership', leadership);
    app.decorate('draining', false);
    app.addHook('onReady', async () => leadership.start());
    app.addHook('preClose', async () => leadership.stop());
  },
  { name: 'leadership' },
);
