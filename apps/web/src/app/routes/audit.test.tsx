import type { AuditEntry } from '@bokujo/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer } from '@/testing/fake-server';
import { viewer } from '@/testing/fixtures';
import { locationOf, renderApp } from '@/testing/render-app';
import { signedInRoutes } from '@/testing/signed-in';

const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
  id: 'a-1',
  time: '2026-03-01T09:15:00.000Z',
  actorId: 'u-3f9c2a71',
  actorName: 'admin',
  action: 'user.create',
  targetKind: 'user',
  targetId: 'u-77d01b3e',
  targetName: 'hanako',
  outcome: 'success',
  details: { globalRoles: ['user-base'] },
  sourceIp: '10.0.0.8',
  ...overrides,
});

describe('audit log page', () => {
  it('lists entries and asks the server again with the chosen filters, kept in the address', async () => {
    const server = fakeServer({
      ...signedInRoutes(),
      'GET /api/v1/audit': {
        body: { items: [entry({}), entry({ id: 'a-2', action: 'login', outcome: 'failure', details: null })] },
      },
      'GET /api/v1/audit?action=namespace.move&actor=admin': {
        body: {
          items: [entry({ id: 'a-3', action: 'namespace.move', targetKind: 'namespace', targetName: 'shop-db' })],
        },
      },
    });
    const { router } = await renderApp({ path: '/audit' });
    expect(await screen.findByRole('heading', { name: 'Audit log' })).toBeDefined();
    expect(await screen.findByText('User created')).toBeDefined();
    expect(screen.getByText('globalRoles=["user-base"]')).toBeDefined();
    expect(within(screen.getByRole('table')).getByText('Failure')).toBeDefined();

    const filters = screen.getByRole('form', { name: 'Filters' });
    await userEvent.click(within(filters).getByLabelText('Action'));
    await userEvent.click(await screen.findByRole('option', { name: 'Namespace moved' }));
    await userEvent.type(within(filters).getByLabelText(/^User/), 'admin');
    await userEvent.click(within(filters).getByRole('button', { name: 'Apply filters' }));

    expect(await screen.findByText('shop-db')).toBeDefined();
    expect(locationOf(router)).toBe('/audit?action=namespace.move&actor=admin');
    expect(server.to('GET /api/v1/audit').at(-1)?.path).toBe('/api/v1/audit?action=namespace.move&actor=admin');
    await waitFor(() => expect(within(screen.getByRole('table')).queryByText('User created')).toBeNull());
  });

  it('is in Japanese, with dates written the Japanese way', async () => {
    fakeServer({ ...signedInRoutes(), 'GET /api/v1/audit': { body: { items: [entry({})] } } });
    await renderApp({ language: 'ja', path: '/audit' });
    expect(await screen.findByRole('heading', { name: '監査ログ' })).toBeDefined();
    expect(await screen.findByText('ユーザーの作成')).toBeDefined();
    expect(within(screen.getByRole('table')).getByText('成功')).toBeDefined();
    expect(screen.getByText(/2026\/03\/01/)).toBeDefined();
    expect(screen.getByRole('button', { name: 'フィルターを適用' })).toBeDefined();
  });

  it('is closed to people who may not read it', async () => {
    const server = fakeServer({ ...signedInRoutes({ me: viewer }) });
    await renderApp({ path: '/audit' });
    expect(await screen.findByText(/needs the permission “Read the audit log”/)).toBeDefined();
    expect(server.to('GET /api/v1/audit')).toHaveLength(0);
  });
});
