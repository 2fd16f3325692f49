import type { AuthProvider, CreateAuthProviderBody, PublicAuthProvider, UpdateAuthProviderBody } from '@bokujo/shared';
import type { FastifyBaseLogger } from 'fastify';
import { ConflictError, InputError, NotFoundError } from '../../../errors.ts';
import { hashSecret, newId, newSecret } from '../auth/credentials.ts';
import type { SecretBox } from '../store/secret-box.ts';
import type { AuthProvidersTable, SessionsTable } from '../store/schema.ts';
import { isUniqueViolation, now, type Store } from '../store/store.ts';
import { ExternalLoginError, type ExternalPerson } from './external-person.ts';
import { authenticateWithLdap, type LdapConnection } from './ldap/ldap-directory.ts';
import { OidcClient, type OidcConnection, type OidcFlowSecrets, type UpstreamTokens } from './oidc/oidc-client.ts';
import { mergeLdapSettings, mergeOidcSettings, toAuthProvider } from './provider-settings.ts';

/** Why a login runs: a person logging in, or an Administrator's test that enables the provider. */
export type LoginPurpose = { kind: 'login' } | { kind: 'test'; testerUserId: string };

/** A finished external login: the Bokujo user it maps to, and what the session should keep. */
export interface ExternalLoginResult {
  userId: string;
  providerId: string;
  purpose: LoginPurpose;
  returnTo: string | undefined;
  sealedTokens?: string | undefined;
  expiresAt?: Date | undefined;
}

/** An OIDC login flow found at its callback (and already removed from the store). */
export interface OidcCallbackFlow {
  flowId: string;
  purpose: LoginPurpose;
  returnTo: string | undefined;
  /** The state, nonce and PKCE verifier, sealed to this flow. */
  sealedSecrets: string;
}

const flowLifetimeMs = 10 * 60_000;

/**
 * External login providers: their settings (secrets sealed in the secret box), "test and enable",
 * logins that turn a provider's person into a Bokujo user with a stable id, and revocation of
 * everything a provider's logins produced when it is disabled or removed.
 */
export class AuthProvidersService {
  readonly #db: Store;
  readonly #box: SecretBox;
  readonly #log: FastifyBaseLogger;
  readonly #serverUrl: () => Promise<string>;
  /** OIDC clients by provider id and settings version, so discovery runs once per change. */
  readonly #oidcClients = new Map<string, { version: string; client: OidcClient }>();
  /** Refreshes under way by session: parallel requests share one (refresh tokens may rotate). */
  readonly #refreshing = new Map<string, Promise<boolean>>();

  constructor(db: Store, box: SecretBox, log: FastifyBaseLogger, serverUrl: () => Promise<string>) {
    this.#db = db;
    this.#box = box;
    this.#log = log;
    this.#serverUrl = serverUrl;
  }

  async list(): Promise<AuthProvider[]> {
    const rows = await this.#db.selectFrom('auth_providers').selectAll().orderBy('name').execute();
    return rows.map(toAuthProvider);
  }

  async get(id: string): Promise<AuthProvider> {
    return toAuthProvider(await this.#row(id));
  }

  async listEnabled(): Promise<PublicAuthProvider[]> {
    const rows = await this.#db
      .selectFrom('auth_providers')
      .select(['id', 'kind', 'name'])
      .where('enabled', '=', 1)
      .orderBy('name')
      .execute();
    return rows.map((row) => ({ id: row.id, kind: row.kind as PublicAuthProvider['kind'], name: row.name }));
  }

  async isEnabled(id: string) {
    const row = await this.#db.selectFrom('auth_providers').select('enabled').where('id', '=', id).executeTakeFirst();
    return row?.enabled === 1;
  }

  async create(body: CreateAuthProviderBody): Promise<AuthProvider> {
    const settings = this.#settingsFor(body.kind, undefined, body);
    const secretText = body.kind === 'oidc' ? body.oidc?.clientSecret : body.ldap?.bindPassword;
    if (body.kind === 'ldap' && !secretText) {
      throw new InputError('The service account needs a password', [
        { field: '/body/ldap/bindPassword', reason: 'is required' },
      ]);
    }
    const time = now();
    try {
      await this.#db
        .insertInto('auth_providers')
        .values({
          id: body.id,
          kind: body.kind,
          name: body.name.trim(),
          enabled: 0,
          access_mode: body.accessMode ?? 'any',
          allowed_principals: JSON.stringify(body.allowedPrincipals ?? []),
          settings: JSON.stringify(settings),
          secret: secretText ? this.#box.seal(secretText, secretContext(body.id)) : null,
          tested_at: null,
          created_at: time,
          updated_at: time,
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(`A provider ${body.id} exists already`, [{ field: '/body/id', reason: 'is taken' }]);
      }
      throw error;
    }
    return this.get(body.id);
  }

  /**
   * Changes a provider. New connection settings or a new secret ask for a new test before the
   * next enabling (the current state stays). `enabled: false` disables it and revokes its logins.
   */
  async update(id: string, body: UpdateAuthProviderBody): Promise<AuthProvider> {
    const row = await this.#row(id);
    const wrongKind = row.kind === 'oidc' ? body.ldap : body.oidc;
    if (wrongKind) {
      throw new InputError(`This is an ${row.kind} provider`, [
        {
          field: `/body/${row.kind === 'oidc' ? 'ldap' : 'oidc'}`,
          reason: `does not apply to an ${row.kind} provider`,
        },
      ]);
    }
    const input = row.kind === 'oidc' ? body.oidc : body.ldap;
    const secretText = row.kind === 'oidc' ? body.oidc?.clientSecret : body.ldap?.bindPassword;
    const changes: Partial<AuthProvidersTable> = { updated_at: now() };
    if (body.name !== undefined) changes.name = body.name.trim();
    if (body.accessMode !== undefined) changes.access_mode = body.accessMode;
    if (body.allowedPrincipals !== undefined) changes.allowed_principals = JSON.stringify(body.allowedPrincipals);
    if (input) {
      changes.settings = JSON.stringify(this.#settingsFor(row.kind, JSON.parse(row.settings), body));
      changes.tested_at = null;
    }
    if (secretText !== undefined) {
      if (row.kind === 'ldap' && secretText === '') {
        throw new InputError('The service account needs a password', [
          { field: '/body/ldap/bindPassword', reason: 'must not be empty' },
        ]);
      }
      changes.secret = secretText ? this.#box.seal(secretText, secretContext(id)) : null;
      changes.tested_at = null;
    }
    if (body.enabled === false) changes.enabled = 0;
    await this.#db.updateTable('auth_providers').set(changes).where('id', '=', id).execute();
    this.#oidcClients.delete(id);
    if (body.enabled === false && row.enabled === 1) await this.revoke(id);
    return this.get(id);
  }

  async remove(id: string) {
    await this.#row(id);
    await this.revoke(id);
    await this.#db.deleteFrom('auth_providers').where('id', '=', id).execute();
    this.#oidcClients.delete(id);
  }

  /**
   * Ends every session and API token a provider's logins produced, at once. Rancher's
   * GHSA-c45c-39f6-6gw9 left tokens working after their provider was disabled.
   */
  async revoke(id: string) {
    // People who exist only through this provider (no local password) lose everything they hold.
    const externalOnly = this.#db
      .selectFrom('external_identities')
      .innerJoin('users', 'users.id', 'external_identities.user_id')
      .select('external_identities.user_id')
      .where('external_identities.provider_id', '=', id)
      .where('users.password_hash', 'is', null);
    const sessions = await this.#db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('provider_id', '=', id), eb('user_id', 'in', externalOnly)]))
      .executeTakeFirst();
    const tokens = await this.#db
      .deleteFrom('api_tokens')
      .where((eb) => eb.or([eb('provider_id', '=', id), eb('user_id', 'in', externalOnly)]))
      .executeTakeFirst();
    await this.#db.deleteFrom('login_flows').where('provider_id', '=', id).execute();
    this.#log.info(
      { provider: id, sessions: Number(sessions.numDeletedRows), tokens: Number(tokens.numDeletedRows) },
      'auth provider disabled: its sessions and tokens are revoked',
    );
  }

  /** An LDAP login (or the Administrator's test of the provider). */
  async ldapLogin(id: string, username: string, password: string, purpose: LoginPurpose) {
    const row = await this.#usableRow(id, 'ldap', purpose);
    const connection = JSON.parse(row.settings) as LdapConnection;
    const bindPassword = row.secret ? this.#box.open(row.secret, secretContext(id)) : '';
    const person = await authenticateWithLdap(connection, bindPassword, username, password);
    const userId = await this.#admit(row, person, purpose);
    return { userId, providerId: id, purpose, returnTo: undefined } satisfies ExternalLoginResult;
  }

  /** Starts an OIDC login: the flow's secrets are kept server-side under a cookie-bound id. */
  async startOidc(id: string, purpose: LoginPurpose, returnTo: string | undefined) {
    const row = await this.#usableRow(id, 'oidc', purpose);
    const { url, secrets } = await (await this.#oidcClient(row)).authorizationUrl();
    const flowId = newSecret();
    await this.#db.deleteFrom('login_flows').where('expires_at', '<', now()).execute();
    await this.#db
      .insertInto('login_flows')
      .values({
        id_hash: hashSecret(flowId),
        provider_id: id,
        purpose: purpose.kind,
        tester_user_id: purpose.kind === 'test' ? purpose.testerUserId : null,
        secrets: this.#box.seal(JSON.stringify(secrets), flowContext(flowId)),
        return_to: returnTo ?? null,
        expires_at: new Date(Date.now() + flowLifetimeMs).toISOString(),
      })
      .execute();
    return { url, flowId };
  }

  /**
   * Takes the login flow a callback belongs to; it is used up whatever the outcome. Split from
   * finishOidc so the caller knows the flow's purpose even when finishing fails (a failed test
   * goes back to the Administrator's page, a failed login to the login page).
   */
  async takeOidcFlow(id: string, flowId: string | undefined): Promise<OidcCallbackFlow> {
    if (!flowId) throw new ExternalLoginError('refused', 'The login was not started in this browser, or took too long');
    const flow = await this.#db
      .selectFrom('login_flows')
      .selectAll()
      .where('id_hash', '=', hashSecret(flowId))
      .executeTakeFirst();
    await this.#db.deleteFrom('login_flows').where('id_hash', '=', hashSecret(flowId)).execute();
    if (!flow || flow.provider_id !== id || Date.parse(flow.expires_at) <= Date.now()) {
      throw new ExternalLoginError('refused', 'The login was not started in this browser, or took too long');
    }
    const purpose: LoginPurpose =
      flow.purpose === 'test' && flow.tester_user_id
        ? { kind: 'test', testerUserId: flow.tester_user_id }
        : { kind: 'login' };
    return { flowId, purpose, returnTo: flow.return_to ?? undefined, sealedSecrets: flow.secrets };
  }

  /** Completes an OIDC login at the callback, with the flow takeOidcFlow took. */
  async finishOidc(id: string, flow: OidcCallbackFlow, callbackQuery: string): Promise<ExternalLoginResult> {
    const { purpose } = flow;
    const row = await this.#usableRow(id, 'oidc', purpose);
    const secrets = JSON.parse(this.#box.open(flow.sealedSecrets, flowContext(flow.flowId))) as OidcFlowSecrets;
    const result = await (await this.#oidcClient(row)).finishLogin(callbackQuery, secrets);
    const userId = await this.#admit(row, result.person, purpose);
    return {
      userId,
      providerId: id,
      purpose,
      returnTo: flow.returnTo,
      sealedTokens: this.#sealTokens(result.tokens, result.person.externalId, id),
      expiresAt: result.expiresAt,
    };
  }

  /**
   * For a session whose provider token has run out: refresh it and read the groups again. False
   * means the session must end (no refresh token, refused, the person no longer admitted).
   */
  async refreshSession(session: Pick<SessionsTable, 'id_hash' | 'user_id' | 'provider_id' | 'upstream_tokens'>) {
    const running = this.#refreshing.get(session.id_hash);
    if (running) return running;
    const refresh = this.#refresh(session).finally(() => this.#refreshing.delete(session.id_hash));
    this.#refreshing.set(session.id_hash, refresh);
    return refresh;
  }

  async #refresh(session: Pick<SessionsTable, 'id_hash' | 'user_id' | 'provider_id' | 'upstream_tokens'>) {
    if (!session.provider_id || !session.upstream_tokens) return false;
    try {
      const row = await this.#usableRow(session.provider_id, 'oidc', { kind: 'login' });
      const { tokens, subject } = JSON.parse(
        this.#box.open(session.upstream_tokens, tokensContext(session.provider_id)),
      ) as { tokens: UpstreamTokens; subject: string };
      const result = await (await this.#oidcClient(row)).refresh(tokens, subject);
      const userId = await this.#admit(row, result.person, { kind: 'login' });
      if (userId !== session.user_id) return false;
      await this.#db
        .updateTable('sessions')
        .set({
          upstream_tokens: this.#sealTokens(result.tokens, subject, session.provider_id) ?? null,
          upstream_expires_at: result.expiresAt?.toISOString() ?? null,
        })
        .where('id_hash', '=', session.id_hash)
        .execute();
      return true;
    } catch (error) {
      this.#log.info({ provider: session.provider_id, reason: String(error) }, 'session refresh failed; it ends');
      return false;
    }
  }

  /** Where to send the browser after logging out of an OIDC session (the provider's logout). */
  async logoutUrl(session: Pick<SessionsTable, 'provider_id' | 'upstream_tokens'>) {
    if (!session.provider_id) return undefined;
    const row = await this.#db
      .selectFrom('auth_providers')
      .selectAll()
      .where('id', '=', session.provider_id)
      .executeTakeFirst();
    if (!row || row.kind !== 'oidc' || row.enabled !== 1) return undefined;
    try {
      const tokens = session.upstream_tokens
        ? (JSON.parse(this.#box.open(session.upstream_tokens, tokensContext(row.id))) as { tokens: UpstreamTokens })
            .tokens
        : {};
      return await (await this.#oidcClient(row)).endSessionUrl(tokens.idToken, `${await this.#serverUrl()}/login`);
    } catch (error) {
      this.#log.info({ provider: row.id, reason: String(error) }, 'no provider logout address');
      return undefined;
    }
  }

  /** Checks that Bokujo can reach the provider with its settings (discovery, service bind). */
  async redirectUri(id: string) {
    return `${await this.#serverUrl()}/api/v1/auth/oidc/${encodeURIComponent(id)}/callback`;
  }

  async #row(id: string) {
    const row = await this.#db.selectFrom('auth_providers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError(`No auth provider ${id}`);
    return row;
  }

  /** The provider, if it may be used for this purpose: enabled for logins, any state for a test. */
  async #usableRow(id: string, kind: 'oidc' | 'ldap', purpose: LoginPurpose) {
    const row = await this.#db.selectFrom('auth_providers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.kind !== kind || (purpose.kind === 'login' && row.enabled !== 1)) {
      throw new ExternalLoginError('disabled', 'This login provider is not enabled');
    }
    return row;
  }

  async #oidcClient(row: AuthProvidersTable) {
    const version = `${row.updated_at}|${await this.#serverUrl()}`;
    const cached = this.#oidcClients.get(row.id);
    if (cached?.version === version) return cached.client;
    const secret = row.secret ? this.#box.open(row.secret, secretContext(row.id)) : undefined;
    const client = new OidcClient(JSON.parse(row.settings) as OidcConnection, secret, await this.redirectUri(row.id));
    this.#oidcClients.set(row.id, { version, client });
    return client;
  }

  #settingsFor(kind: string, current: unknown, body: Pick<CreateAuthProviderBody, 'oidc' | 'ldap'>) {
    if (kind === 'oidc') {
      if (!body.oidc)
        throw new InputError('OIDC settings are missing', [{ field: '/body/oidc', reason: 'is required' }]);
      if (body.ldap) {
        throw new InputError('LDAP settings do not apply', [{ field: '/body/ldap', reason: 'does not apply to oidc' }]);
      }
      return mergeOidcSettings(current as OidcConnection | undefined, body.oidc);
    }
    if (!body.ldap) throw new InputError('LDAP settings are missing', [{ field: '/body/ldap', reason: 'is required' }]);
    if (body.oidc) {
      throw new InputError('OIDC settings do not apply', [{ field: '/body/oidc', reason: 'does not apply to ldap' }]);
    }
    return mergeLdapSettings(current as LdapConnection | undefined, body.ldap);
  }

  #sealTokens(tokens: UpstreamTokens, subject: string, providerId: string) {
    if (!tokens.refreshToken && !tokens.idToken) return undefined;
    return this.#box.seal(JSON.stringify({ tokens, subject }), tokensContext(providerId));
  }

  /**
   * Turns the provider's person into a Bokujo user: the identity is found by the provider's
   * stable id, created at first login, and its groups replaced by what the provider said now.
   * A test links the identity to the testing Administrator, as Rancher does, and enables the
   * provider.
   */
  async #admit(row: AuthProvidersTable, person: ExternalPerson, purpose: LoginPurpose): Promise<string> {
    if (purpose.kind === 'login' && !isAllowed(row, person)) {
      throw new ExternalLoginError('forbidden', `You are not allowed to log in to Bokujo through ${row.name}`);
    }
    const time = now();
    const groups = JSON.stringify(person.groups);
    return this.#db.transaction().execute(async (trx) => {
      const identity = await trx
        .selectFrom('external_identities')
        .selectAll()
        .where('provider_id', '=', row.id)
        .where('external_id', '=', person.externalId)
        .executeTakeFirst();
      let userId = identity?.user_id;
      if (purpose.kind === 'test') {
        if (userId && userId !== purpose.testerUserId) {
          throw new ConflictError(`${person.loginName} at ${row.name} is already another Bokujo user`);
        }
        const linkedElsewhere = await trx
          .selectFrom('external_identities')
          .select('external_id')
          .where('provider_id', '=', row.id)
          .where('user_id', '=', purpose.testerUserId)
          .executeTakeFirst();
        if (linkedElsewhere && linkedElsewhere.external_id !== person.externalId) {
          throw new ConflictError(`You are linked to another person at ${row.name}; log in as that person to test`);
        }
        userId = purpose.testerUserId;
      }
      if (!userId) {
        userId = newId('u');
        await trx
          .insertInto('users')
          .values({
            id: userId,
            username: await freeUsername(trx, person.loginName, row.id),
            display_name: person.displayName.slice(0, 256),
            password_hash: null,
            must_change_password: 0,
            enabled: 1,
            language: null,
            created_at: time,
            updated_at: time,
          })
          .execute();
        // Least privilege: they may log in; roles come from cluster and project memberships.
        await trx.insertInto('user_global_roles').values({ user_id: userId, role: 'user-base' }).execute();
      }
      const user = await trx.selectFrom('users').select('enabled').where('id', '=', userId).executeTakeFirst();
      if (user?.enabled !== 1) throw new ExternalLoginError('disabled', 'Your Bokujo account is disabled');
      if (identity) {
        await trx
          .updateTable('external_identities')
          .set({ login_name: person.loginName, groups, last_login_at: time, user_id: userId })
          .where('provider_id', '=', row.id)
          .where('external_id', '=', person.externalId)
          .execute();
      } else {
        await trx
          .insertInto('external_identities')
          .values({
            provider_id: row.id,
            external_id: person.externalId,
            user_id: userId,
            login_name: person.loginName,
            groups,
            last_login_at: time,
          })
          .execute();
      }
      if (purpose.kind === 'test') {
        const allowed = JSON.parse(row.allowed_principals) as string[];
        const self = `user:${person.loginName}`;
        // The tester must be able to log in through what they just enabled.
        const principals = row.access_mode === 'restricted' && !isAllowed(row, person) ? [...allowed, self] : allowed;
        await trx
          .updateTable('auth_providers')
          .set({ enabled: 1, tested_at: time, allowed_principals: JSON.stringify(principals) })
          .where('id', '=', row.id)
          .execute();
      }
      return userId;
    });
  }
}

function isAllowed(row: AuthProvidersTable, person: ExternalPerson) {
  if (row.access_mode !== 'restricted') return true;
  const allowed = new Set(JSON.parse(row.allowed_principals) as string[]);
  return allowed.has(`user:${person.loginName}`) || person.groups.some((group) => allowed.has(`group:${group}`));
}

/** `<login>@<provider>`: local usernames cannot contain `@`, so the two never collide. */
async function freeUsername(db: Store, loginName: string, providerId: string) {
  const base = `${
    loginName
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[-._]+|[-._]+$/g, '')
      .slice(0, 48) || 'user'
  }@${providerId}`;
  for (let attempt = 0; ; attempt += 1) {
    const candidate = attempt === 0 ? base : `${base}-${attempt + 1}`;
    const taken = await db.selectFrom('users').select('id').where('username', '=', candidate).executeTakeFirst();
    if (!taken) return candidate;
  }
}

const secretContext = (id: string) => `auth-provider:${id}:secret`;
const tokensContext = (id: string) => `auth-provider:${id}:session-tokens`;
const flowContext = (flowId: string) => `login-flow:${hashSecret(flowId)}`;
