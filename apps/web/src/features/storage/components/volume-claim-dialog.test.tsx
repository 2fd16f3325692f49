import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { initI18n, languageStorageKey, loadAllNamespaces } from '@/lib/i18n';
import type { KubePersistentVolumeClaim } from '@/lib/k8s/types';
import { createQueryClient } from '@/lib/query-client';
import { fakeServer } from '@/testing/fake-server';
import { storageRoutes } from '../testing/storage-routes';
import { VolumeClaimDialog } from './volume-claim-dialog';

async function renderDialog(onAdd: (claim: KubePersistentVolumeClaim) => void) {
  localStorage.setItem(languageStorageKey, 'en');
  const i18n = await initI18n(i18next.createInstance());
  await loadAllNamespaces(i18n);
  render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={createQueryClient()}>
        <MantineProvider>
          <VolumeClaimDialog clusterId="c-5e0b7d21a4c3" opened namespace="wordpress" onClose={() => {}} onAdd={onAdd} />
        </MantineProvider>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}

describe('volume claim dialog', () => {
  it('hands back a claim on the default class in the given namespace, sending nothing itself', async () => {
    const server = fakeServer(storageRoutes());
    const onAdd = vi.fn();
    await renderDialog(onAdd);

    await userEvent.click(await screen.findByRole('button', { name: 'Add' }));
    expect(await screen.findByText('Enter a name.')).toBeDefined();
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'mysql-pv-claim');
    expect(
      await screen.findByText('A volume claim named mysql-pv-claim already exists in this namespace.'),
    ).toBeDefined();
    await userEvent.clear(screen.getByRole('textbox', { name: 'Name' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'uploads');
    await screen.findByDisplayValue('ontap-gold (default)');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));

    expect(onAdd).toHaveBeenCalledWith({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'uploads', namespace: 'wordpress' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '10Gi' } },
        storageClassName: 'ontap-gold',
      },
    });
    expect(
      server.requests.filter((request) => request.method === 'POST' && !request.path.includes('selfsubject')),
    ).toEqual([]);
  });
});
