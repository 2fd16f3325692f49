import type { AuditEntry, AuditQuery } from '@bokujo/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { newId } from '../auth/credentials.ts';
import { now, type Store } from '../store/store.ts';

export interface AuditEvent {
  action: string;
  target?: { kind: string; id?: string | null; name?: string | null };
  outcome?: 'success' | 'failure';
  /** Facts worth keeping; never secrets, tokens or passwords (callers pass names and ids only). */
  details?: Record<string, unknown>;
  /** For events before anyone is signed in (a failed login names who was tried). */
  actorName?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Records what a person did in Bokujo; failures to write are logged, never thrown. */
    audit(request: FastifyRequest, event: AuditEvent): Promise<void>;
  }
}

const secretKeys = /password|secret|token|kubeconfig|key|credential/i;

export async function recordAudit(db: Store, request: FastifyRequest, event: AuditEvent) {
  const details = event.details ? withoutSecrets(event.details) : null;
  await db
    .insertInto('audit_log')
    .values({
      id: newId('a'),
      time: now(),
      actor_id: request.principal?.userId ?? null,
      actor_name: request.principal?.username ?? event.actorName ?? null,
      action: event.action,
      target_kind: event.target?.kind ?? null,
      target_id: event.target?.id ?? null,
      target_name: event.target?.name ?? null,
      outcome: event.outcome ?? 'success',
      details: details ? JSON.stringify(details) : null,
      source_ip: request.ip,
    })
    .execute();
}

/** A second line of defence: a detail whose name suggests a secret is dropped, whatever it holds. */
function withoutSecrets(details: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(details).filter(([key]) => !secretKeys.test(key)));
}

export async function queryAudit(db: Store, query: AuditQuery): Promise<AuditEntry[]> {
  let select = db.selectFrom('audit_log').selectAll().orderBy('time', 'desc').orderBy('id', 'desc');
  if (query.action) select = select.where('action', '=', query.action);
  if (query.outcome) select = select.where('outcome', '=', query.outcome);
  if (query.actor)
    select = select.where((eb) => eb.or([eb('actor_name', '=', query.actor!), eb('actor_id', '=', query.actor!)]));
  if (query.target) {
    select = select.where((eb) => eb.or([eb('target_name', '=', query.target!), eb('target_id', '=', query.target!)]));
  }
  if (query.since) select = select.where('time', '>=', new Date(query.since).toISOString());
  if (query.until) select = select.where('time', '<=', new Date(query.until).toISOString());
  const rows = await select.limit(query.limit ?? 200).execute();
  return rows.map((row) => ({
    id: row.id,
    time: row.time,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    targetKind: row.target_kind,
    targetId: row.target_id,
    targetName: row.target_name,
    outcome: row.outcome as AuditEntry['outcome'],
    details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
    sourceIp: row.source_ip,
  }));
}

export default fp(
  async function auditPlugin(app: FastifyInstance) {
    app.decorate('audit', async (request: FastifyRequest, event: AuditEvent) => {
      try {
        await recordAudit(app.store, request, event);
      } catch (error) {
        request.log.error({ err: error, action: event.action }, 'audit log write failed');
      }
    });
  },
  { name: 'audit', dependencies: ['store'] },
);
