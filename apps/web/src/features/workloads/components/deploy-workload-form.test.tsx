import { Button } from '@mantine/core';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeServer } from '@/testing/fake-server';
import { renderRoutes } from '@/testing/render-app';
import type { NewClaimDialogProps } from './deploy-workload-form';
import { DeployWorkloadForm } from './deploy-workload-form';

const deployPath = 'POST /api/v1/clusters/c-tokyo/namespaces/shop/workloads';

/** Stands in for the storage feature's dialog: the seam the page composes. */
function ClaimDialogDouble({ opened, namespace, onAdd }: NewClaimDialogProps) {
  if (!opened) return null;
  return (
    <Button
      onClick={() =>
        onAdd({
          metadata: { name: 'web-data', namespace },
          spec: {
            accessModes: ['ReadWriteOnce'],
            storageClassName: 'ontap-gold',
            resources: { requests: { storage: '10Gi' } },
          },
        })
      }
    >
      add ontap-gold claim
    </Button>
  );
}

async function renderForm(language: 'en' | 'ja' = 'en') {
  const onDeployed = vi.fn();
  const view = await renderRoutes(
    [
      {
        path: '/',
        element: (
          <DeployWorkloadForm
            clusterId="c-tokyo"
            namespaces={['shop']}
            renderNewClaimDialog={(props) => <ClaimDialogDouble {...props} />}
            onDeployed={onDeployed}
            onCancel={() => undefined}
          />
        ),
      },
    ],
    { language },
  );
  return { ...view, onDeployed };
}

describe('deploy workload form', () => {
  it('deploys the workload with a new claim mounted at /data and a Service for its port', async () => {
    const server = fakeServer({ [deployPath]: { status: 201, body: {} } });
    const { onDeployed } = await renderForm();
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'web');
    await userEvent.type(screen.getByRole('textbox', { name: /Container image/ }), 'nginx:1.27');
    await userEvent.click(screen.getByRole('button', { name: 'Add port' }));
    await userEvent.type(screen.getByRole('textbox', { name: /Container port/ }), '80');
    await userEvent.click(screen.getByRole('button', { name: 'Add volume' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Add a new persistent volume (claim)' }));
    await userEvent.click(await screen.findByRole('button', { name: 'add ontap-gold claim' }));
    await userEvent.type(screen.getByRole('textbox', { name: /Mount point/ }), '/data');
    const preview = screen.getByLabelText('YAML preview').textContent;
    expect(preview).toContain('claimName: web-data');
    // The same labels appear twice; the preview repeats them instead of using YAML anchors people would not expect.
    expect(preview).not.toMatch(/[&*]a1/);

    await userEvent.click(screen.getByRole('button', { name: 'Launch' }));
    await waitFor(() => expect(onDeployed).toHaveBeenCalled());
    const body = server.to(deployPath)[0]?.body as {
      workload: { spec: { template: { spec: { containers: { volumeMounts: unknown[] }[] } } } };
      volumeClaims: { metadata: { name: string; namespace: string } }[];
      services: { spec: { type: string; ports: { port: number }[] } }[];
    };
    expect(body.volumeClaims.map((claim) => claim.metadata)).toEqual([{ name: 'web-data', namespace: 'shop' }]);
    expect(body.workload.spec.template.spec.containers[0]?.volumeMounts).toEqual([
      { name: 'vol1', mountPath: '/data' },
    ]);
    expect(body.services[0]?.spec).toMatchObject({ type: 'ClusterIP', ports: [{ port: 80 }] });
  });

  it('checks fields as they are typed, and sends nothing while one is wrong', async () => {
    const server = fakeServer({});
    await renderForm();
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Web_1');
    expect(await screen.findByText(/Use lowercase letters, digits and -/)).toBeDefined();
    await userEvent.type(screen.getByRole('textbox', { name: /Container image/ }), 'Nginx');
    await userEvent.click(screen.getByRole('button', { name: 'Launch' }));
    expect(screen.getAllByText(/Use lowercase letters/).length).toBeGreaterThanOrEqual(2);
    expect(server.to(deployPath)).toHaveLength(0);
  });

  it('puts the server’s refusal on the field it names and says that nothing was left behind', async () => {
    fakeServer({
      [deployPath]: {
        status: 409,
        body: {
          statusCode: 409,
          code: 'CONFLICT',
          message:
            'Could not create Deployment web in shop: deployments.apps "web" already exists. What had been created for it was removed again.',
          details: [{ field: '/body/workload/metadata/name', reason: 'already exists' }],
        },
      },
    });
    await renderForm();
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'web');
    await userEvent.type(screen.getByRole('textbox', { name: /Container image/ }), 'nginx');
    await userEvent.click(screen.getByRole('button', { name: 'Launch' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(/removed again/)).toBeDefined();
    expect(screen.getByText('already exists')).toBeDefined();
  });

  it('is in Japanese, with the seed’s labels', async () => {
    fakeServer({});
    await renderForm('ja');
    expect(screen.getByRole('textbox', { name: '名前' })).toBeDefined();
    await userEvent.click(screen.getByRole('button', { name: 'ボリュームを追加' }));
    expect(await screen.findByRole('menuitem', { name: '新しい永続ボリューム(要求)を作成' })).toBeDefined();
    expect(screen.getByRole('button', { name: '起動' })).toBeDefined();
  });
});
