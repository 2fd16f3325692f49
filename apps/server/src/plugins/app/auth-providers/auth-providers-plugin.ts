import { type AuthProviderKind, groupPrefix } from '@bokujo/shared';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { readSetting, serverUrlSetting } from '../auth/bootstrap.ts';
import type { Store } from '../store/store.ts';
import { AuthProvidersService } from './auth-providers-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    authProviders: AuthProvidersService;
  }
}

/**
 * External login providers. Registered before the auth plugin, which asks it whether a session's
 * provider is still enabled and to refresh sessions whose provider token ran out.
 */
export default fp(
  async function authProvidersPlugin(app: FastifyInstance, { fallbackServerUrl }: { fallbackServerUrl: string }) {
    // Redirect URIs are built from the configured server URL (never from the request's Host).
    const serverUrl = async () => (await readSetting(app.store, serverUrlSetting)) ?? fallbackServerUrl;
    app.decorate('authProviders', new AuthProvidersService(app.store, app.secretBox, app.log, serverUrl));
  },
  { name: 'auth-providers', dependencies: ['store'] },
);

/** The groups a login through `providerId` brings, prefixed as principal groups. */
export async function externalGroupsOf(db: Store, userId: string, providerId: string | null) {
  if (!providerId) return [];
  const row = await db
    .selectFrom('external_identities')
    .innerJoin('auth_providers', 'auth_providers.id', 'external_identities.provider_id')
    .select(['external_identities.groups', 'auth_providers.kind', 'auth_providers.id'])
    .where('external_identities.user_id', '=', userId)
    .where('external_identities.provider_id', '=', providerId)
    .executeTakeFirst();
  if (!row) return [];
  // The same prefix members are granted under (parseProviderGroup reads it back).
  const prefix = groupPrefix(row.kind as AuthProviderKind, row.id);
  return (JSON.parse(row.groups) as string[]).map((group) => `${prefix}${group}`);
}
