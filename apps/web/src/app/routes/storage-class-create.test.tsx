import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cluster, k8s, kubeStatus, storageRoutes } from '@/features/storage/testing/storage-routes';
import { fakeServer } from '@/testing/fake-server';
import { locationOf, renderApp } from '@/testing/render-app';

const page = `/c/${cluster.id}/storage/classes/new`;
const createRoute = `POST ${k8s}/apis/storage.k8s.io/v1/storageclasses`;

const preview = () => parse(screen.getByTestId('yaml-preview').textContent ?? '') as Record<string, unknown>;

async function choose(label: string, option: string) {
  await userEvent.click(screen.getByRole('combobox', { name: label }));
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

describe('create StorageClass page', () => {
  it('previews the seed’s ontap-gold as YAML and follows every change', async () => {
    fakeServer(storageRoutes());
    await renderApp({ path: page });

    await userEvent.type(await screen.findByRole('textbox', { name: 'Name' }), 'ontap-silver');
    expect(preview()).toEqual({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'ontap-silver' },
      provisioner: 'csi.trident.netapp.io',
      parameters: {
        backendType: 'ontap-nas',
        media: 'ssd',
        provisioningType: 'thin',
        snapshots: 'true',
        clones: 'true',
      },
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
      allowVolumeExpansion: false,
    });
    // The YAML writes Trident's string parameters quoted, as the seed's manifest does.
    expect(screen.getByTestId('yaml-preview').textContent).toContain('snapshots: "true"');

    await choose('Media', 'Hybrid');
    await userEvent.click(screen.getByRole('switch', { name: 'Clones (clones)' }));
    await userEvent.click(screen.getByRole('radio', { name: 'Retain' }));
    await userEvent.click(screen.getByRole('switch', { name: /Allow volume expansion/ }));
    await userEvent.type(screen.getByRole('combobox', { name: /Mount options/ }), 'nfsvers=4.1{Enter}');
    expect(preview()).toMatchObject({
      parameters: { media: 'hybrid', clones: 'false' },
      reclaimPolicy: 'Retain',
      allowVolumeExpansion: true,
      mountOptions: ['nfsvers=4.1'],
    });

    await choose('Preset', 'Trident: SolidFire SAN (solidfire-san, block)');
    expect(preview()['parameters']).toEqual({ backendType: 'solidfire-san', IOPS: '8000', fsType: 'ext4' });
  });

  it('points at another provisioner, adds parameters and creates the class', async () => {
    const server = fakeServer({ ...storageRoutes(), [createRoute]: { status: 201, body: {} } });
    document.cookie = 'bokujo_csrf=abc';
    const { router } = await renderApp({ path: page });

    // Pasted rather than typed key by key: this test is about what is sent, not about typing.
    await userEvent.click(await screen.findByRole('textbox', { name: 'Name' }));
    await userEvent.paste('ontap-bronze');
    const provisioner = screen.getByRole('combobox', { name: 'Provisioner' });
    await userEvent.clear(provisioner);
    await userEvent.paste('bokujo.test/ontap-nas');
    await userEvent.click(screen.getByRole('button', { name: 'Add parameter' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Parameter 1 key' }), 'exportPolicy');
    await userEvent.type(screen.getByRole('textbox', { name: 'Parameter 1 value' }), 'default');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));

    await waitFor(() => expect(locationOf(router)).toBe(`/c/${cluster.id}/storage/classes`));
    const [request] = server.to(createRoute);
    expect(request?.headers.get('X-CSRF-Token')).toBe('abc');
    expect(request?.body).toMatchObject({
      metadata: { name: 'ontap-bronze' },
      provisioner: 'bokujo.test/ontap-nas',
      parameters: { backendType: 'ontap-nas', exportPolicy: 'default' },
    });
  });

  it('says what is wrong with each field and sends nothing until it is fixed', async () => {
    const server = fakeServer(storageRoutes());
    await renderApp({ path: page });

    await screen.findByRole('textbox', { name: 'Name' });
    await userEvent.clear(screen.getByRole('combobox', { name: 'Provisioner' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add parameter' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Parameter 1 key' }), 'media');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));

    expect(await screen.findByText('Enter a name.')).toBeDefined();
    expect(screen.getByText('Enter the provisioner.')).toBeDefined();
    expect(screen.getByText('The preset above sets media; change it there.')).toBeDefined();
    expect(screen.getByRole('textbox', { name: 'Name' }).getAttribute('aria-invalid')).toBe('true');

    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Gold Class');
    expect(
      screen.getByText('Use lower-case letters, digits, “-” and “.”, starting and ending with a letter or digit.'),
    ).toBeDefined();
    await userEvent.type(screen.getByRole('combobox', { name: 'Provisioner' }), 'netapp io/trident');
    expect(screen.getByText(/Use a name such as csi.trident.netapp.io/)).toBeDefined();

    await choose('Preset', 'Trident: SolidFire SAN (solidfire-san, block)');
    const iops = screen.getByRole('textbox', { name: /IOPS/ });
    await userEvent.clear(iops);
    await userEvent.type(iops, '0');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('Enter a whole number greater than 0.')).toBeDefined();
    expect(server.to(createRoute)).toHaveLength(0);
  });

  it('marks the name when the class already exists, and shows other refusals in an alert', async () => {
    let calls = 0;
    fakeServer({
      ...storageRoutes(),
      [createRoute]: () =>
        ++calls === 1
          ? kubeStatus(409, 'AlreadyExists', 'storageclasses.storage.k8s.io "ontap-gold" already exists')
          : kubeStatus(
              403,
              'Forbidden',
              'storageclasses.storage.k8s.io is forbidden: User "hanako" cannot create resource "storageclasses"',
            ),
    });
    await renderApp({ path: page });
    await userEvent.type(await screen.findByRole('textbox', { name: 'Name' }), 'ontap-gold');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('A StorageClass named ontap-gold already exists.')).toBeDefined();

    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), '-2');
    expect(screen.queryByText(/already exists/)).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The StorageClass ontap-gold-2 was not created')).toBeDefined();
    expect(within(alert).getByText(/User "hanako" cannot create resource "storageclasses"/)).toBeDefined();
  });

  it('reads in Japanese', async () => {
    fakeServer(storageRoutes());
    await renderApp({ language: 'ja', path: page });
    expect(await screen.findByRole('heading', { name: 'ストレージクラスの作成' })).toBeDefined();
    expect(screen.getByRole('combobox', { name: 'プロビジョナー' })).toBeDefined();
    expect(screen.getByText('ボリュームバインディングモード')).toBeDefined();
    expect(screen.getByRole('switch', { name: /ボリューム拡張の許可/ })).toBeDefined();
    expect(screen.getByText('YAML プレビュー')).toBeDefined();
    await userEvent.click(screen.getByRole('button', { name: '作成' }));
    expect(await screen.findByText('名前を入力してください。')).toBeDefined();
  });
});
