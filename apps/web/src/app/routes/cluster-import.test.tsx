import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, type Reply } from '@/testing/fake-server';
import { activeCluster } from '@/testing/fixtures';
import { locationOf, renderApp } from '@/testing/render-app';
import { signedInRoutes } from '@/testing/signed-in';

const execKubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: eks-prod
  cluster:
    server: https://ABCDEF.gr7.ap-northeast-1.eks.amazonaws.com
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t
users:
- name: dev
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [eks, get-token, --cluster-name, prod]
contexts:
- name: dev@eks-prod
  context: {cluster: eks-prod, user: dev}
current-context: dev@eks-prod
`;

const tokenKubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: edge
  cluster: {server: 'https://10.0.7.3:6443', certificate-authority-data: LS0tLS1CRUdJTi0tLS0t}
users:
- name: admin
  user: {token: eyJhbGciOiJSUzI1NiJ9.e30.c2ln}
contexts:
- name: admin@edge
  context: {cluster: edge, user: admin}
- name: viewer@edge
  context: {cluster: edge, user: admin}
`;

function refusal(statusCode: number, message: string, details: { field: string; reason: string }[]): Reply {
  return {
    status: statusCode,
    body: { statusCode, code: statusCode === 409 ? 'CONFLICT' : 'VALIDATION_FAILED', message, details },
  };
}

async function fillDetails(name: string) {
  const field = await screen.findByLabelText(/^Cluster name/);
  await userEvent.clear(field);
  await userEvent.type(field, name);
  await userEvent.type(screen.getByLabelText('Description'), 'Edge site in Sapporo');
  await userEvent.click(screen.getByRole('button', { name: 'Next' }));
}

async function pasteKubeconfig(text: string) {
  const field = await screen.findByLabelText(/^Kubeconfig/);
  await userEvent.click(field);
  await userEvent.paste(text);
}

describe('import wizard', () => {
  it('brings a refused exec credential back to the kubeconfig step with its place and what to fix', async () => {
    const server = fakeServer({
      ...signedInRoutes(),
      'POST /api/v1/clusters/import': refusal(
        400,
        'The kubeconfig cannot be imported: user "dev" uses an exec credential plugin, which Bokujo never runs',
        [
          {
            field: '/body/kubeconfig/users/0/user/exec',
            reason: 'user "dev" uses an exec credential plugin, which Bokujo never runs',
          },
        ],
      ),
    });
    document.cookie = 'bokujo_csrf=5b1d9e';
    await renderApp({ path: '/clusters/import' });

    await fillDetails('eks-prod');
    await pasteKubeconfig(execKubeconfig);
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The cluster was not imported')).toBeDefined();
    expect(within(alert).getByText('It stopped at: Checking the kubeconfig.')).toBeDefined();
    expect(
      within(alert).getByText(/credential plugin \(exec or auth-provider\), which Bokujo never runs/),
    ).toBeDefined();
    // Back on the kubeconfig step, with the text still there and the field marked.
    const textarea = screen.getByLabelText<HTMLTextAreaElement>(/^Kubeconfig/);
    expect(textarea.value).toBe(execKubeconfig);
    expect(textarea.getAttribute('aria-invalid')).toBe('true');
    expect(
      screen.getByText('users/0/user/exec: user "dev" uses an exec credential plugin, which Bokujo never runs'),
    ).toBeDefined();

    const [request] = server.to('POST /api/v1/clusters/import');
    expect(request?.headers.get('X-CSRF-Token')).toBe('5b1d9e');
    expect(request?.body).toEqual({
      name: 'eks-prod',
      description: 'Edge site in Sapporo',
      kubeconfig: execKubeconfig,
      insecureSkipTlsVerify: false,
      keepUploadedCredential: false,
    });
  });

  it('brings a taken name back to the first step, then imports under another name', async () => {
    const server = fakeServer({
      ...signedInRoutes(),
      'POST /api/v1/clusters/import': (request) =>
        (request.body as { name: string }).name === 'edge'
          ? refusal(409, 'A cluster named "edge" exists', [{ field: '/body/name', reason: 'is taken' }])
          : {
              status: 201,
              body: activeCluster({
                id: 'c-0e1d2c3b4a59',
                name: 'edge-sapporo',
                state: 'Pending',
                stateReason: 'Waiting for the first health check',
                summary: null,
              }),
            },
    });
    const { router } = await renderApp({ path: '/clusters/import' });

    await fillDetails('edge');
    await pasteKubeconfig(tokenKubeconfig);
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));

    expect(await screen.findByText('A cluster named edge already exists.')).toBeDefined();
    expect(screen.getByText('Choose another name on this step; each cluster name is used once.')).toBeDefined();
    const name = screen.getByLabelText(/^Cluster name/);
    await userEvent.type(name, '-sapporo');
    expect(screen.queryByText('A cluster named edge already exists.')).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    // The kubeconfig is kept between the steps.
    expect(screen.getByLabelText<HTMLTextAreaElement>(/^Kubeconfig/).value).toBe(tokenKubeconfig);
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));

    expect(await screen.findByText('edge-sapporo was imported')).toBeDefined();
    expect(screen.getAllByText('Done')).toHaveLength(4);
    expect(server.to('POST /api/v1/clusters/import').map((request) => (request.body as { name: string }).name)).toEqual(
      ['edge', 'edge-sapporo'],
    );
    await userEvent.click(screen.getByRole('link', { name: 'Open the dashboard' }));
    await waitFor(() => expect(locationOf(router)).toBe('/c/c-0e1d2c3b4a59'));
  });

  it('asks for the context when the server cannot tell, and imports again with the one picked', async () => {
    const server = fakeServer({
      ...signedInRoutes(),
      'POST /api/v1/clusters/import': (request) =>
        (request.body as { context?: string }).context
          ? { status: 201, body: activeCluster({ name: 'edge' }) }
          : refusal(400, 'The kubeconfig cannot be imported', [
              {
                field: '/body/context',
                reason:
                  'ambiguous: the kubeconfig has several contexts and no current-context; pick one of "admin@edge", "viewer@edge"',
              },
            ]),
    });
    await renderApp({ path: '/clusters/import' });
    await fillDetails('edge');

    // Read from a file, as a person uploading ~/.kube/config would.
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(input, new File([tokenKubeconfig], 'config', { type: '' }));
    expect(await screen.findByText('Read from config')).toBeDefined();
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));

    expect(await screen.findByText('Pick the context to import below, then import again.')).toBeDefined();
    await userEvent.click(screen.getByRole('combobox', { name: 'Context' }));
    await userEvent.click(await screen.findByRole('option', { name: 'viewer@edge' }));
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));

    expect(await screen.findByText('edge was imported')).toBeDefined();
    expect(server.to('POST /api/v1/clusters/import').map((request) => request.body)).toMatchObject([
      { kubeconfig: tokenKubeconfig },
      { kubeconfig: tokenKubeconfig, context: 'viewer@edge' },
    ]);
  });

  it('checks the name before anything is sent, in Japanese', async () => {
    const server = fakeServer(signedInRoutes());
    await renderApp({ language: 'ja', path: '/clusters/import' });
    const name = await screen.findByLabelText(/^クラスター名/);
    fireEvent.change(name, { target: { value: 'Prod_Tokyo' } });
    await userEvent.click(screen.getByRole('button', { name: '次へ' }));
    expect(
      screen.getByText('英小文字、数字、ハイフンを使い、先頭と末尾は英小文字か数字にしてください。'),
    ).toBeDefined();
    expect(screen.queryByLabelText(/^kubeconfig/)).toBeNull();
    expect(server.to('POST /api/v1/clusters/import')).toHaveLength(0);
  });
});
