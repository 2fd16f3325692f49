import { now, type Store } from '../store/store.ts';
import { hashSecret, newSecret, sameSecret } from './credentials.ts';

export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}

/** How a session opened through an external provider is tied to it (revocation, refresh). */
export interface UpstreamSession {
  providerId: string;
  /** Secret-box envelope of the provider's tokens, if it gave any worth keeping. */
  sealedTokens?: string | undefined;
  expiresAt?: Date | undefined;
}

export async function createSession(db: Store, userId: string, policy: SessionPolicy, upstream?: UpstreamSession) {
  const sessionId = newSecret();
  const csrfToken = newSecret();
  const created = Date.now();
  await db
    .insertInto('sessions')
    .values({
      id_hash: hashSecret(sessionId),
      user_id: userId,
      csrf_token_hash: hashSecret(csrfToken),
      created_at: new Date(created).toISOString(),
      last_seen_at: new Date(created).toISOString(),
      expires_at: new Date(created + policy.maxMs).toISOString(),
      provider_id: upstream?.providerId ?? null,
      upstream_tokens: upstream?.sealedTokens ?? null,
      upstream_expires_at: upstream?.expiresAt?.toISOString() ?? null,
    })
    .execute();
  return { sessionId, csrfToken };
}

/**
 * The live session for a cookie value, refreshed; an idle or expired one is deleted. The refresh
 * is written at most once a minute so that polling pages do not turn every read into a write.
 */
export async function findLiveSession(db: Store, sessionId: string, policy: SessionPolicy) {
  const idHash = hashSecret(sessionId);
  const session = await db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  if (!session) return undefined;
  const time = Date.now();
  const idleSince = Date.parse(session.last_seen_at);
  if (time >= Date.parse(session.expires_at) || time - idleSince >= policy.idleMs) {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return undefined;
  }
  if (time - idleSince > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: now() }).where('id_hash', '=', idHash).execute();
  }
  return session;
}

export function csrfMatches(session: { csrf_token_hash: string }, headerValue: string | undefined) {
  return typeof headerValue === 'string' && headerValue.length > 0 && sameSecret(headerValue, session.csrf_token_hash);
}

export async function deleteSession(db: Store, idHash: string) {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOfUser(db: Store, userId: string, except?: string) {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (except) query = query.where('id_hash', '!=', except);
  await query.execute();
}
