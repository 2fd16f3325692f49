import type { AuthProvider } from '@bokujo/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { browserLocation } from '@/features/auth-providers/utils/browser-location';
import { fakeServer, type Reply } from '@/testing/fake-server';
import { viewer } from '@/testing/fixtures';
import { locationOf, renderApp } from '@/testing/render-app';
import { signedInRoutes } from '@/testing/signed-in';

const oidcProvider: AuthProvider = {
  id: 'corp-sso',
  kind: 'oidc',
  name: 'Corp SSO',
  enabled: true,
  accessMode: 'any',
  allowedPrincipals: [],
  oidc: {
    preset: 'keycloak',
    issuer: 'https://sso.example.test/realms/corp',
    clientId: 'bokujo',
    scopes: ['openid', 'profile', 'email'],
    usernameClaim: 'preferred_username',
    groupsClaim: 'groups',
    displayNameClaim: 'name',
    caCertificate: null,
    insecureSkipTlsVerify: false,
    hasClientSecret: true,
  },
  testedAt: '2026-03-04T09:15:00.000Z',
  warnings: [],
  createdAt: '2026-03-01T08:00:00.000Z',
  updatedAt: '2026-03-04T09:15:00.000Z',
};

const ldapProvider: AuthProvider = {
  id: 'ad',
  kind: 'ldap',
  name: 'Head office AD',
  enabled: false,
  accessMode: 'restricted',
  allowedPrincipals: ['group:Domain Admins', 'user:jdoe'],
  ldap: {
    flavour: 'activedirectory',
    host: 'dc1.corp.example.test',
    port: 389,
    security: 'none',
    caCertificate: null,
    insecureSkipTlsVerify: false,
    bindDn: 'CN=bokujo,OU=Service,DC=corp,DC=example,DC=test',
    userSearchBase: 'OU=Staff,DC=corp,DC=example,DC=test',
    userSearchFilter: '(objectClass=person)',
    loginAttribute: 'sAMAccountName',
    userIdAttribute: 'objectGUID',
    displayNameAttribute: 'displayName',
    groupSearchBase: '',
    groupSearchFilter: '(objectClass=group)',
    groupMembership: 'memberOf',
    groupMemberAttribute: 'member',
    groupNameAttribute: 'cn',
    nestedGroups: true,
    hasBindPassword: true,
  },
  testedAt: null,
  warnings: ['The directory is reached without TLS: passwords travel in clear'],
  createdAt: '2026-03-02T08:00:00.000Z',
  updatedAt: '2026-03-02T08:00:00.000Z',
};

const refusal = (status: number, message: string, details?: { field: string; reason: string }[]): Reply => ({
  status,
  body: {
    statusCode: status,
    code: status === 400 ? 'INVALID_INPUT' : 'UPSTREAM',
    message,
    ...(details ? { details } : {}),
  },
});

function providerRoutes(items: AuthProvider[] = [oidcProvider, ldapProvider]) {
  return { ...signedInRoutes(), 'GET /api/v1/auth-providers': { body: { items } } };
}

function rowOf(name: string) {
  const row = screen.getByText(name, { selector: 'p' }).closest('tr');
  if (!row) throw new Error(`no row for ${name}`);
  return within(row);
}

async function openRowAction(name: string, action: string) {
  await userEvent.click(await screen.findByRole('button', { name: `Actions for ${name}` }));
  await userEvent.click(await screen.findByRole('menuitem', { name: action }));
}

/** Pastes instead of typing key by key: the provider form is large, and each key re-renders it. */
async function fill(element: HTMLElement, text: string) {
  await userEvent.click(element);
  await userEvent.paste(text);
}

function watchNavigation() {
  const assign = vi.spyOn(browserLocation, 'assign').mockImplementation(() => undefined);
  onTestFinished(() => assign.mockRestore());
  return assign;
}

// The provider form is large; on a busy machine its tests need more than the default time.
describe('authentication page', { timeout: 40_000 }, () => {
  it('lists providers with type, state, test time, who may log in and security warnings', async () => {
    fakeServer(providerRoutes());
    await renderApp({ path: '/clusters' });
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    await userEvent.click(within(nav).getByRole('link', { name: 'Authentication' }));

    expect(await screen.findByRole('heading', { name: 'Authentication' })).toBeDefined();
    await screen.findByText('Corp SSO', { selector: 'p' });
    expect(rowOf('Corp SSO').getByText('OpenID Connect')).toBeDefined();
    expect(rowOf('Corp SSO').getByText('Keycloak')).toBeDefined();
    expect(rowOf('Corp SSO').getByText('Enabled')).toBeDefined();
    expect(rowOf('Corp SSO').getByText(/Mar 4, 2026/)).toBeDefined();
    expect(rowOf('Corp SSO').getByText('Any user of the provider')).toBeDefined();
    expect(rowOf('Corp SSO').getByText('Groups: oidc-corp-sso:<group>')).toBeDefined();
    // Enabled and unchanged since its test: nothing to test.
    expect(rowOf('Corp SSO').queryByRole('button', { name: 'Test and enable' })).toBeNull();

    expect(rowOf('Head office AD').getByText('LDAP / Active Directory')).toBeDefined();
    expect(rowOf('Head office AD').getByText('Active Directory')).toBeDefined();
    expect(rowOf('Head office AD').getByText('Not tested')).toBeDefined();
    expect(rowOf('Head office AD').getByText('Never')).toBeDefined();
    expect(rowOf('Head office AD').getByText('Listed users and groups (2)')).toBeDefined();
    expect(rowOf('Head office AD').getByText(/passwords travel in clear text/)).toBeDefined();
    expect(rowOf('Head office AD').getByRole('button', { name: 'Test and enable' })).toBeDefined();
  });

  it('fills a preset’s claims, shows the server’s refusals on their fields, then adds the provider', async () => {
    const server = fakeServer({
      ...providerRoutes([]),
      'POST /api/v1/auth-providers': (request, calls) =>
        calls === 1
          ? refusal(400, 'The provider settings are invalid', [
              { field: '/body/oidc/issuer', reason: 'must start with https://' },
              { field: '/body/oidc/scopes/1', reason: 'must match pattern' },
            ])
          : { status: 201, body: { ...oidcProvider, ...(request.body as object), enabled: false, testedAt: null } },
    });
    document.cookie = 'bokujo_csrf=abc123';
    await renderApp({ path: '/auth-providers' });
    expect(await screen.findByText('No external providers yet')).toBeDefined();

    await userEvent.click(screen.getByRole('button', { name: 'Add provider' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a login provider' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(within(dialog).getAllByText('Required').length).toBeGreaterThan(0);
    expect(server.to('POST /api/v1/auth-providers')).toHaveLength(0);

    await fill(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Okta');
    await fill(within(dialog).getByRole('textbox', { name: /^ID/ }), 'okta');
    await userEvent.click(within(dialog).getByLabelText('Provider'));
    await userEvent.click(await screen.findByRole('option', { name: 'Okta' }));
    expect(within(dialog).getByRole('textbox', { name: /^Scopes/ })).toHaveProperty(
      'value',
      'openid profile email groups',
    );
    await fill(within(dialog).getByRole('textbox', { name: /^Issuer URL/ }), 'http://corp.okta.test');
    await fill(within(dialog).getByRole('textbox', { name: /^Client ID/ }), 'bokujo');
    await fill(within(dialog).getByLabelText(/^Client secret/), 's3cr3t-value');
    // The address to register at the provider follows the ID.
    expect(
      within(dialog).getByText('https://bokujo.example.com/api/v1/auth/oidc/okta/callback', { exact: false }),
    ).toBeDefined();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));

    const issuer = within(dialog).getByRole('textbox', { name: /^Issuer URL/ });
    await waitFor(() => expect(issuer.getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText('Must start with https://')).toBeDefined();
    // A reason the catalogs do not know shows as the server wrote it, on the field that holds it.
    expect(within(dialog).getByText('must match pattern')).toBeDefined();

    await userEvent.clear(issuer);
    await fill(issuer, 'https://corp.okta.test');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(await screen.findByText('Okta was saved')).toBeDefined();
    expect(screen.getByText('Nobody can log in with it until you test and enable it.')).toBeDefined();
    const sent = server.to('POST /api/v1/auth-providers')[1];
    expect(sent?.headers.get('X-CSRF-Token')).toBe('abc123');
    expect(sent?.body).toEqual({
      id: 'okta',
      kind: 'oidc',
      name: 'Okta',
      accessMode: 'any',
      allowedPrincipals: [],
      oidc: {
        preset: 'okta',
        issuer: 'https://corp.okta.test',
        clientId: 'bokujo',
        clientSecret: 's3cr3t-value',
        scopes: ['openid', 'profile', 'email', 'groups'],
        usernameClaim: 'preferred_username',
        groupsClaim: 'groups',
        displayNameClaim: 'name',
        caCertificate: null,
        insecureSkipTlsVerify: false,
      },
    });
  });

  it('keeps a stored secret when its field is left empty, and sends settings only when they changed', async () => {
    const server = fakeServer({
      ...providerRoutes(),
      'PATCH /api/v1/auth-providers/corp-sso': (request) => ({
        body: { ...oidcProvider, ...(request.body as object) },
      }),
    });
    await renderApp({ path: '/auth-providers' });
    await openRowAction('Corp SSO', 'Edit');
    const dialog = await screen.findByRole('dialog', { name: 'Edit Corp SSO' });
    const secret = within(dialog).getByLabelText(/^Client secret/);
    // Write-only: the form never holds the stored secret, only says that one exists.
    expect(secret).toHaveProperty('value', '');
    expect(within(dialog).getByText('A secret is stored and never shown. Leave empty to keep it.')).toBeDefined();
    expect(within(dialog).getByRole('textbox', { name: /^ID/ })).toHaveProperty('disabled', true);

    const name = within(dialog).getByRole('textbox', { name: /^Name/ });
    await userEvent.clear(name);
    await fill(name, 'Corporate SSO');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(server.to('PATCH /api/v1/auth-providers/corp-sso')).toHaveLength(1));
    // Renaming must not ask for a new test: no connection settings, no secret.
    expect(server.to('PATCH /api/v1/auth-providers/corp-sso')[0]?.body).toEqual({
      name: 'Corporate SSO',
      accessMode: 'any',
      allowedPrincipals: [],
    });

    await openRowAction('Corp SSO', 'Edit');
    const again = await screen.findByRole('dialog', { name: 'Edit Corp SSO' });
    await userEvent.click(within(again).getByLabelText('Skip TLS verification'));
    expect(within(again).getByText(/anyone on the network path can pretend to be the provider/)).toBeDefined();
    await userEvent.click(within(again).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(server.to('PATCH /api/v1/auth-providers/corp-sso')).toHaveLength(2));
    const changed = server.to('PATCH /api/v1/auth-providers/corp-sso')[1]?.body as { oidc: object };
    expect(changed.oidc).toMatchObject({ insecureSkipTlsVerify: true, issuer: 'https://sso.example.test/realms/corp' });
    expect(changed.oidc).not.toHaveProperty('clientSecret');
  });

  it('adds an Active Directory provider with its defaults, warning about weak security', async () => {
    const server = fakeServer({
      ...providerRoutes([]),
      'POST /api/v1/auth-providers': (request) => ({
        status: 201,
        body: { ...ldapProvider, ...(request.body as object), ldap: { ...ldapProvider.ldap } },
      }),
    });
    await renderApp({ path: '/auth-providers' });
    await userEvent.click(await screen.findByRole('button', { name: 'Add provider' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a login provider' });
    await userEvent.click(within(dialog).getByText('LDAP / Active Directory'));
    await userEvent.click(within(dialog).getByLabelText('Directory'));
    await userEvent.click(await screen.findByRole('option', { name: 'Active Directory' }));
    expect(within(dialog).getByRole('textbox', { name: /^Login attribute/ })).toHaveProperty('value', 'sAMAccountName');
    expect(within(dialog).getByRole('textbox', { name: /^Port/ })).toHaveProperty('value', '636');
    expect(within(dialog).getByLabelText(/^Include nested groups/)).toHaveProperty('checked', true);

    await userEvent.click(within(dialog).getByLabelText('Connection security'));
    await userEvent.click(await screen.findByRole('option', { name: 'StartTLS' }));
    expect(within(dialog).getByRole('textbox', { name: /^Port/ })).toHaveProperty('value', '389');
    await userEvent.click(within(dialog).getByLabelText('Skip TLS verification'));
    expect(within(dialog).getByText(/anyone on the network path can read passwords/)).toBeDefined();
    await userEvent.click(within(dialog).getByLabelText('Skip TLS verification'));
    await userEvent.click(within(dialog).getByLabelText('Connection security'));
    await userEvent.click(await screen.findByRole('option', { name: 'None (passwords in clear)' }));
    expect(
      within(dialog).getByText('The directory is reached without TLS: passwords travel in clear text.'),
    ).toBeDefined();

    await fill(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Head office AD');
    await fill(within(dialog).getByRole('textbox', { name: /^ID/ }), 'ad');
    await fill(within(dialog).getByRole('textbox', { name: /^Host/ }), 'dc1.corp.example.test');
    await fill(within(dialog).getByRole('textbox', { name: /^Service account DN/ }), 'CN=bokujo,DC=corp');
    await fill(within(dialog).getByLabelText(/^Service account password/), 'bind-pass');
    await fill(within(dialog).getByRole('textbox', { name: /^User search base/ }), 'OU=Staff,DC=corp');
    await userEvent.click(within(dialog).getByLabelText(/^Only the listed users and groups/));
    await fill(within(dialog).getByRole('textbox', { name: /^Allowed users and groups/ }), 'Domain Admins');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(await within(dialog).findByText('Each line must start with user: or group:')).toBeDefined();
    const principals = within(dialog).getByRole('textbox', { name: /^Allowed users and groups/ });
    await userEvent.clear(principals);
    await fill(principals, 'group:Domain Admins\nuser:jdoe');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));

    expect(await screen.findByText('Head office AD was saved')).toBeDefined();
    expect(server.to('POST /api/v1/auth-providers')[0]?.body).toMatchObject({
      id: 'ad',
      kind: 'ldap',
      accessMode: 'restricted',
      allowedPrincipals: ['group:Domain Admins', 'user:jdoe'],
      ldap: {
        flavour: 'activedirectory',
        host: 'dc1.corp.example.test',
        port: 389,
        security: 'none',
        insecureSkipTlsVerify: false,
        bindPassword: 'bind-pass',
        loginAttribute: 'sAMAccountName',
        userIdAttribute: 'objectGUID',
        nestedGroups: true,
      },
    });
  });

  it('tests and enables an OIDC provider by sending the browser to it, and says so on return', async () => {
    const assign = watchNavigation();
    const untested = { ...oidcProvider, enabled: false, testedAt: null };
    const server = fakeServer({
      ...providerRoutes([untested]),
      'POST /api/v1/auth-providers/corp-sso/test': {
        body: { redirectUrl: 'https://sso.example.test/realms/corp/auth?client_id=bokujo&state=s' },
      },
    });
    const { router } = await renderApp({ path: '/auth-providers' });
    await screen.findByText('Corp SSO', { selector: 'p' });
    await userEvent.click(rowOf('Corp SSO').getByRole('button', { name: 'Test and enable' }));
    const dialog = await screen.findByRole('dialog', { name: 'Test and enable Corp SSO' });
    expect(within(dialog).getByText(/linked to your Bokujo account admin/)).toBeDefined();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Continue to Corp SSO' }));
    await waitFor(() =>
      expect(assign).toHaveBeenCalledWith('https://sso.example.test/realms/corp/auth?client_id=bokujo&state=s'),
    );
    expect(server.to('POST /api/v1/auth-providers/corp-sso/test')[0]?.body).toEqual({});

    // The callback brings the browser back here.
    await router.navigate('/auth-providers?tested=corp-sso');
    expect(await screen.findByText('Corp SSO is enabled. People can now log in with it.')).toBeDefined();
    const notice = screen.getByRole('status', { name: /Test passed/ });
    await userEvent.click(within(notice).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(locationOf(router)).toBe('/auth-providers'));
  });

  it('says why an OIDC test failed when the callback sends the browser back, until it is closed', async () => {
    fakeServer(providerRoutes());
    const { router } = await renderApp({ path: '/auth-providers?testFailed=corp-sso&error=conflict' });
    const failure = await screen.findByRole('alert', { name: 'The test of Corp SSO failed' });
    expect(within(failure).getByText(/already linked to another Bokujo user/)).toBeDefined();
    await userEvent.click(within(failure).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(locationOf(router)).toBe('/auth-providers'));
    expect(screen.queryByRole('alert', { name: 'The test of Corp SSO failed' })).toBeNull();
  });

  it('reports an OIDC test failure with a reason it does not know as a plain failure, in Japanese too', async () => {
    fakeServer(providerRoutes());
    await renderApp({ path: '/auth-providers?testFailed=corp-sso&error=something-new', language: 'ja' });
    const failure = await screen.findByRole('alert', { name: 'Corp SSO のテストに失敗しました' });
    expect(
      within(failure).getByText('テストのログインは成功しませんでした。詳細はサーバーのログにあります。'),
    ).toBeDefined();
  });

  it('tests an LDAP provider with the Administrator’s directory account, showing a refused password on its field', async () => {
    const server = fakeServer({
      ...providerRoutes(),
      'POST /api/v1/auth-providers/ad/test': (request) =>
        (request.body as { password: string }).password === 'right-password'
          ? { body: { provider: { ...ldapProvider, enabled: true, testedAt: '2026-03-05T10:00:00.000Z' } } }
          : refusal(400, 'Wrong username or password', [
              { field: '/body/password', reason: 'was refused by the directory' },
            ]),
    });
    await renderApp({ path: '/auth-providers' });
    await screen.findByText('Head office AD', { selector: 'p' });
    await userEvent.click(rowOf('Head office AD').getByRole('button', { name: 'Test and enable' }));
    const dialog = await screen.findByRole('dialog', { name: 'Test and enable Head office AD' });
    await fill(within(dialog).getByRole('textbox', { name: /^Directory username/ }), 'jdoe');
    const password = within(dialog).getByLabelText(/^Directory password/);
    await fill(password, 'wrong');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Test and enable' }));
    const refused = await within(dialog).findByText('The directory refused this username and password');
    // Said on the password field itself, so a screen reader reads it with the field.
    expect(password.getAttribute('aria-describedby')).toContain(refused.id);

    await userEvent.clear(password);
    await fill(password, 'right-password');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Test and enable' }));
    expect(await within(dialog).findByText('Test passed')).toBeDefined();
    expect(within(dialog).getByText(/Head office AD is enabled, and jdoe is linked to your account/)).toBeDefined();
    expect(server.to('POST /api/v1/auth-providers/ad/test')[1]?.body).toEqual({
      username: 'jdoe',
      password: 'right-password',
    });
    // The list is asked again, so the row shows the new state.
    await waitFor(() => expect(server.to('GET /api/v1/auth-providers').length).toBeGreaterThan(1));
  });

  it('says that disabling ends its people’s sessions and API tokens at once, then disables', async () => {
    const server = fakeServer({
      ...providerRoutes(),
      'PATCH /api/v1/auth-providers/corp-sso': { body: { ...oidcProvider, enabled: false } },
    });
    await renderApp({ path: '/auth-providers' });
    await openRowAction('Corp SSO', 'Disable');
    const dialog = await screen.findByRole('dialog', { name: 'Disable Corp SSO?' });
    expect(
      within(dialog).getByText(
        'Everyone who logged in through Corp SSO is logged out at once, and their API tokens stop working. Nobody can log in with it until it is tested and enabled again.',
      ),
    ).toBeDefined();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Disable' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Disable Corp SSO?' })).toBeNull());
    expect(server.to('PATCH /api/v1/auth-providers/corp-sso')[0]?.body).toEqual({ enabled: false });
  });

  it('deletes a provider after asking', async () => {
    const server = fakeServer({ ...providerRoutes(), 'DELETE /api/v1/auth-providers/ad': { status: 204 } });
    await renderApp({ path: '/auth-providers' });
    await openRowAction('Head office AD', 'Delete');
    const dialog = await screen.findByRole('dialog', { name: 'Delete Head office AD?' });
    expect(within(dialog).getByText(/logged out at once, and their API tokens stop working/)).toBeDefined();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(server.to('DELETE /api/v1/auth-providers/ad')).toHaveLength(1));
  });

  it('reads in Japanese', async () => {
    fakeServer(providerRoutes());
    await renderApp({ path: '/auth-providers', language: 'ja' });
    expect(await screen.findByRole('heading', { name: '認証' })).toBeDefined();
    await screen.findByText('Corp SSO', { selector: 'p' });
    expect(rowOf('Corp SSO').getByText('有効')).toBeDefined();
    expect(rowOf('Head office AD').getByText('未テスト')).toBeDefined();
    expect(rowOf('Head office AD').getByText('許可したユーザーとグループ (2)')).toBeDefined();
    expect(rowOf('Head office AD').getByRole('button', { name: 'テストして有効化' })).toBeDefined();
    expect(rowOf('Head office AD').getByText(/パスワードが平文で送信されます/)).toBeDefined();
    await userEvent.click(screen.getByRole('button', { name: '認証プロバイダーを追加' }));
    const dialog = await screen.findByRole('dialog', { name: '認証プロバイダーの追加' });
    expect(within(dialog).getByRole('textbox', { name: /^発行者 URL/ })).toBeDefined();
    expect(within(dialog).getByLabelText(/^クライアントシークレット/)).toBeDefined();
  });

  it('is closed to people without the settings permission, and not in their navigation', async () => {
    const server = fakeServer({ ...signedInRoutes({ me: viewer }) });
    await renderApp({ path: '/auth-providers' });
    expect(await screen.findByText(/This page needs the permission “Manage settings”/)).toBeDefined();
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).queryByRole('link', { name: 'Authentication' })).toBeNull();
    expect(server.to('GET /api/v1/auth-providers')).toHaveLength(0);
  });
});
