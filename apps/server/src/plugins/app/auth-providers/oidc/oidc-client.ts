import type { OidcSettings } from '@bokujo/shared';
import * as oidc from 'openid-client';
import { Agent, fetch as undiciFetch } from 'undici';
import { ExternalLoginError, type ExternalPerson } from '../external-person.ts';

export type OidcConnection = Omit<OidcSettings, 'hasClientSecret'>;

/** What a login in progress must remember between the redirect out and the callback. */
export interface OidcFlowSecrets {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The provider's tokens Bokujo keeps (sealed) with a session, for refresh and logout. */
export interface UpstreamTokens {
  refreshToken?: string;
  idToken?: string;
}

export interface OidcLoginResult {
  person: ExternalPerson;
  tokens: UpstreamTokens;
  /** When the access token expires; the session is refreshed then (or ends). */
  expiresAt: Date | undefined;
}

const timeoutSeconds = 10;

/**
 * One OpenID Provider as a relying party sees it: discovered once (and again after a settings
 * change), every request through a fetch that trusts exactly the configured CA and never follows
 * redirects, so discovery cannot be bounced to another host.
 */
export class OidcClient {
  readonly #connection: OidcConnection;
  readonly #clientSecret: string | undefined;
  readonly #redirectUri: string;
  #configuration: Promise<oidc.Configuration> | undefined;

  constructor(connection: OidcConnection, clientSecret: string | undefined, redirectUri: string) {
    this.#connection = connection;
    this.#clientSecret = clientSecret || undefined;
    this.#redirectUri = redirectUri;
  }

  get redirectUri() {
    return this.#redirectUri;
  }

  async #config() {
    this.#configuration ??= this.#discover().catch((error: unknown) => {
      this.#configuration = undefined; // try again at the next login rather than caching a failure
      throw error;
    });
    return this.#configuration;
  }

  async #discover() {
    const agent = new Agent({
      connect: {
        ...(this.#connection.caCertificate ? { ca: this.#connection.caCertificate } : {}),
        rejectUnauthorized: !this.#connection.insecureSkipTlsVerify,
      },
    });
    const customFetch: oidc.CustomFetch = (url, options) =>
      undiciFetch(url, { ...options, redirect: 'manual', dispatcher: agent });
    const clientAuth = this.#clientSecret ? oidc.ClientSecretBasic(this.#clientSecret) : oidc.None();
    let configuration: oidc.Configuration;
    try {
      configuration = await oidc.discovery(
        new URL(this.#connection.issuer),
        this.#connection.clientId,
        { redirect_uris: [this.#redirectUri], response_types: ['code'] },
        clientAuth,
        { [oidc.customFetch]: customFetch, timeout: timeoutSeconds },
      );
    } catch (error) {
      throw describe(error, this.#connection.issuer);
    }
    // Every endpoint the browser or Bokujo is sent to must be https, like the issuer itself.
    const metadata = configuration.serverMetadata();
    for (const endpoint of [metadata.authorization_endpoint, metadata.token_endpoint, metadata.end_session_endpoint]) {
      if (endpoint !== undefined && new URL(endpoint).protocol !== 'https:') {
        throw new ExternalLoginError(
          'misconfigured',
          `The issuer ${this.#connection.issuer} names a non-https endpoint`,
        );
      }
    }
    return configuration;
  }

  /** Fetches the discovery document: the "is the issuer right" check before saving. */
  async check() {
    await this.#config();
  }

  /** The provider's authorization URL for a new login, with PKCE (S256), state and nonce. */
  async authorizationUrl(): Promise<{ url: string; secrets: OidcFlowSecrets }> {
    const config = await this.#config();
    const secrets = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.#redirectUri,
      scope: this.#connection.scopes.join(' '),
      code_challenge: await oidc.calculatePKCECodeChallenge(secrets.codeVerifier),
      code_challenge_method: 'S256',
      state: secrets.state,
      nonce: secrets.nonce,
    });
    return { url: url.href, secrets };
  }

  /** Exchanges the callback's code (checking state, nonce and PKCE) and reads who logged in. */
  async finishLogin(callbackQuery: string, secrets: OidcFlowSecrets): Promise<OidcLoginResult> {
    const config = await this.#config();
    const currentUrl = new URL(this.#redirectUri);
    currentUrl.search = callbackQuery;
    const providerError = currentUrl.searchParams.get('error');
    if (providerError) {
      const description = currentUrl.searchParams.get('error_description');
      throw new ExternalLoginError(
        'refused',
        `The identity provider refused the login: ${providerError}${description ? ` (${description.slice(0, 200)})` : ''}`,
      );
    }
    try {
      const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: secrets.codeVerifier,
        expectedState: secrets.state,
        expectedNonce: secrets.nonce,
        idTokenExpected: true,
      });
      return await this.#result(config, tokens, undefined);
    } catch (error) {
      throw describe(error, this.#connection.issuer);
    }
  }

  /** New tokens and claims for a session whose access token ran out; groups are read again. */
  async refresh(tokens: UpstreamTokens, expectedSubject: string): Promise<OidcLoginResult> {
    if (!tokens.refreshToken) throw new ExternalLoginError('refused', 'The provider gave no refresh token');
    const config = await this.#config();
    try {
      const refreshed = await oidc.refreshTokenGrant(config, tokens.refreshToken);
      const result = await this.#result(config, refreshed, expectedSubject);
      return {
        ...result,
        // Providers may rotate refresh tokens or keep the old one; keep whichever is current.
        tokens: {
          refreshToken: result.tokens.refreshToken ?? tokens.refreshToken,
          idToken: result.tokens.idToken ?? tokens.idToken,
        },
      };
    } catch (error) {
      throw describe(error, this.#connection.issuer);
    }
  }

  /** RP-initiated logout: where to send the browser so the provider's session ends too. */
  async endSessionUrl(idToken: string | undefined, postLogoutRedirectUri: string) {
    const config = await this.#config();
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return oidc
      .buildEndSessionUrl(config, {
        ...(idToken ? { id_token_hint: idToken } : { client_id: this.#connection.clientId }),
        post_logout_redirect_uri: postLogoutRedirectUri,
      })
      .toString();
  }

  async #result(
    config: oidc.Configuration,
    tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
    expectedSubject: string | undefined,
  ): Promise<OidcLoginResult> {
    let claims: Record<string, unknown> = { ...(tokens.claims() ?? {}) };
    const subject = typeof claims['sub'] === 'string' ? claims['sub'] : expectedSubject;
    if (!subject) throw new ExternalLoginError('refused', 'The provider did not say who logged in (no sub)');
    if (expectedSubject && subject !== expectedSubject) {
      throw new ExternalLoginError('refused', 'The provider answered for a different person');
    }
    // Many providers put groups (or even the username) only in the UserInfo response.
    const { usernameClaim, groupsClaim, displayNameClaim } = this.#connection;
    const needsUserInfo = [usernameClaim, groupsClaim, displayNameClaim].some((claim) => claim && !(claim in claims));
    if (needsUserInfo && config.serverMetadata().userinfo_endpoint) {
      const userInfo = await oidc.fetchUserInfo(config, tokens.access_token, subject);
      claims = { ...userInfo, ...claims };
    }
    const loginName = claimText(claims[usernameClaim]);
    if (!loginName) {
      throw new ExternalLoginError('misconfigured', `The provider sent no "${usernameClaim}" claim for the username`);
    }
    const groupsValue = groupsClaim ? claims[groupsClaim] : undefined;
    const groups = Array.isArray(groupsValue)
      ? groupsValue.filter((group): group is string => typeof group === 'string' && group.length > 0)
      : typeof groupsValue === 'string' && groupsValue
        ? [groupsValue]
        : [];
    const expiresIn = tokens.expiresIn();
    return {
      person: {
        externalId: subject,
        loginName,
        displayName: claimText(displayNameClaim ? claims[displayNameClaim] : undefined) ?? loginName,
        groups: [...new Set(groups)].sort(),
      },
      tokens: {
        ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
        ...(tokens.id_token ? { idToken: tokens.id_token } : {}),
      },
      expiresAt: expiresIn === undefined ? undefined : new Date(Date.now() + expiresIn * 1000),
    };
  }
}

function claimText(value: unknown) {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** A failure in words safe to show: the issuer and the error's kind, never a token or secret. */
function describe(error: unknown, issuer: string): ExternalLoginError {
  if (error instanceof ExternalLoginError) return error;
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : (error as { code?: unknown }).code;
  if (typeof code === 'string' && /CERT|SELF_SIGNED|UNABLE_TO|ERR_TLS|HOSTNAME/.test(code)) {
    return new ExternalLoginError('misconfigured', `The issuer ${issuer} failed TLS verification (${code})`);
  }
  if (
    typeof code === 'string' &&
    /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|ECONNRESET|EAI_AGAIN|UND_ERR/.test(code)
  ) {
    return new ExternalLoginError('unreachable', `The issuer ${issuer} cannot be reached (${code})`);
  }
  if (error instanceof oidc.ResponseBodyError) {
    // The OAuth error code (invalid_grant, invalid_client…) is the provider's and safe to show.
    return new ExternalLoginError(
      error.error === 'invalid_client' ? 'misconfigured' : 'refused',
      `The issuer ${issuer} refused: ${error.error}`,
    );
  }
  if (error instanceof TypeError && /fetch failed/.test(error.message)) {
    return new ExternalLoginError('unreachable', `The issuer ${issuer} cannot be reached`);
  }
  const kind = (error as { code?: unknown }).code;
  return new ExternalLoginError(
    'refused',
    `The login with ${issuer} failed${typeof kind === 'string' ? ` (${kind})` : ''}`,
  );
}
