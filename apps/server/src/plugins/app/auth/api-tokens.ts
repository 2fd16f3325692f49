import type { ApiToken } from '@bokujo/shared';
import { now, type Store } from '../store/store.ts';
import { hashSecret, newId, newSecret } from './credentials.ts';

/** Prefix of every API token, so secret scanners and people can recognise a leaked one. */
export const apiTokenPrefix = 'bokujo_';

export async function createApiToken(
  db: Store,
  input: {
    userId: string;
    name: string;
    expiresInDays?: number | undefined;
    clusterId?: string;
    /** The provider of the session the token is made in: disabling it revokes the token. */
    providerId?: string | undefined;
  },
) {
  const secret = newSecret(apiTokenPrefix);
  const createdAt = now();
  const row = {
    id: newId('t'),
    user_id: input.userId,
    name: input.name,
    token_hash: hashSecret(secret),
    created_at: createdAt,
    expires_at: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000).toISOString() : null,
    last_used_at: null,
    cluster_id: input.clusterId ?? null,
    provider_id: input.providerId ?? null,
  };
  await db.insertInto('api_tokens').values(row).execute();
  return { token: toApiToken(row), secret };
}

/** The token row for a presented secret, if it exists and has not expired. */
export async function findLiveApiToken(db: Store, secret: string) {
  if (!secret.startsWith(apiTokenPrefix)) return undefined;
  const token = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', hashSecret(secret))
    .executeTakeFirst();
  if (!token || (token.expires_at && Date.parse(token.expires_at) <= Date.now())) return undefined;
  // Last use is informational; a minute's precision spares a write per request.
  if (!token.last_used_at || Date.now() - Date.parse(token.last_used_at) > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now() }).where('id', '=', token.id).execute();
  }
  return token;
}

export async function listApiTokens(db: Store, userId: string) {
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toApiToken);
}

/** Deletes the caller's own token; someone else's token id answers as if it did not exist. */
export async function deleteApiToken(db: Store, userId: string, tokenId: string) {
  const result = await db
    .deleteFrom('api_tokens')
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

function toApiToken(row: {
  id: string;
  name: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  cluster_id: string | null;
}): ApiToken {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    clusterId: row.cluster_id,
  };
}
