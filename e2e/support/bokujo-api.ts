import { readFile } from 'node:fs/promises';
import type { Cluster } from '@bokujo/testenv';
import { expect, type Page } from '@playwright/test';

/** Bokujo's own API as whoever the page is signed in as; writes echo the CSRF cookie, as the SPA does. */
export async function api<T>(
  page: Page,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  data?: unknown,
): Promise<T> {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'bokujo_csrf')?.value ?? '';
  const response = await page.request.fetch(path, { method, data, headers: { 'X-CSRF-Token': csrf } });
  if (!response.ok()) throw new Error(`${method} ${path} answered ${response.status()}: ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Imports a testenv cluster with its admin kubeconfig (the wizard has its own spec) and waits until Active. */
export async function importCluster(page: Page, cluster: Cluster, name: string) {
  const { id } = await api<{ id: string }>(page, 'POST', '/api/v1/clusters/import', {
    name,
    kubeconfig: await readFile(cluster.kubeconfigPath, 'utf8'),
  });
  await expect
    .poll(async () => (await api<{ state: string }>(page, 'GET', `/api/v1/clusters/${id}`)).state, {
      timeout: 60_000,
    })
    .toBe('Active');
  return id;
}

/** A project with one namespace in it; returns the project's id. */
export async function createProject(page: Page, clusterId: string, name: string, namespace: string) {
  const { id } = await api<{ id: string }>(page, 'POST', `/api/v1/clusters/${clusterId}/projects`, { name });
  await api(page, 'POST', `/api/v1/projects/${id}/namespaces`, { name: namespace });
  return id;
}
