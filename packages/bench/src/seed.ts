import { projectLabel } from '@bokujo/shared';
import { log } from './environment.ts';
import { forEachConcurrently, type HttpClient } from './http.ts';

/** Every object the bench makes carries it, so a person can find (and delete) them. */
export const benchLabel = 'bench.bokujo.io/seeded';

/** Creating objects is bound by the apiserver and etcd; more in flight only queues. */
const concurrency = 48;

export function podName(index: number, digits: number) {
  return `bench-${String(index).padStart(digits, '0')}`;
}

export function podBody(name: string, namespace: string, nodeName: string, labels: Record<string, string> = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { [benchLabel]: 'true', app: 'bench', ...labels } },
    // nodeName preset: no scheduling, kwok takes the pod straight to Running.
    spec: { nodeName, containers: [{ name: 'app', image: 'registry.bokujo.test/bench:1' }] },
  };
}

export async function createNamespace(kube: HttpClient, name: string, labels: Record<string, string> = {}) {
  const response = await kube.request('POST', '/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { [benchLabel]: 'true', ...labels } },
  });
  if (response.status !== 201 && response.status !== 409) {
    throw new Error(`creating namespace ${name} answered ${response.status}: ${response.body.toString()}`);
  }
}

export interface PodPlacement {
  name: string;
  namespace: string;
  nodeName: string;
}

/** Creates pods many at a time, logging the rate; an existing pod (409) counts as made. */
export async function createPods(kube: HttpClient, pods: readonly PodPlacement[], what: string) {
  const start = performance.now();
  let done = 0;
  let lastLog = start;
  await forEachConcurrently(pods, concurrency, async (pod) => {
    const path = `/api/v1/namespaces/${pod.namespace}/pods`;
    for (let attempt = 1; ; attempt++) {
      const response = await kube.request('POST', path, podBody(pod.name, pod.namespace, pod.nodeName));
      if (response.status === 201 || response.status === 409) break;
      // 429 and 5xx happen when the apiserver is saturated; a new namespace's `default`
      // ServiceAccount, which admission needs, comes a moment after the namespace. Try again.
      const saturated = response.status === 429 || response.status >= 500;
      const noServiceAccount = response.status === 403 && response.body.toString().includes('serviceaccount');
      if ((saturated || noServiceAccount) && attempt < 20) {
        await new Promise((done) => setTimeout(done, 250 * Math.min(attempt, 8)));
        continue;
      }
      throw new Error(
        `creating pod ${pod.namespace}/${pod.name} answered ${response.status}: ${response.body.toString()}`,
      );
    }
    done++;
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now();
      const rate = done / ((lastLog - start) / 1000);
      log(`${what}: ${done}/${pods.length} pods (${rate.toFixed(0)}/s)`);
    }
  });
  const seconds = (performance.now() - start) / 1000;
  log(`${what}: ${pods.length} pods in ${seconds.toFixed(1)} s (${(pods.length / seconds).toFixed(0)}/s)`);
  return seconds;
}

export interface SeededPods {
  namespaces: string[];
  /** Project id → its namespaces. */
  projects: Map<string, string[]>;
  podCount: number;
  /** A name part that matches about a hundred pods. */
  nameFilter: string;
  seedSeconds: number;
}

/**
 * `pods` pods round-robin over `namespaces` namespaces and `nodes` kwok nodes; the namespaces are
 * labelled into the given Bokujo projects as the server's own project service labels them.
 */
export async function seedPods(
  kube: HttpClient,
  counts: { pods: number; namespaces: number; nodes: number },
  projectIds: readonly string[],
): Promise<SeededPods> {
  const namespaceDigits = String(counts.namespaces - 1).length;
  const namespaces = Array.from(
    { length: counts.namespaces },
    (_, i) => `bench-ns-${String(i).padStart(namespaceDigits, '0')}`,
  );
  const projects = new Map<string, string[]>(projectIds.map((id) => [id, []]));
  const start = performance.now();
  await forEachConcurrently(namespaces, concurrency, async (namespace, index) => {
    const projectId = projectIds[index % projectIds.length];
    if (projectId) projects.get(projectId)!.push(namespace);
    await createNamespace(kube, namespace, projectId ? { [projectLabel]: projectId } : {});
  });
  const digits = Math.max(5, String(counts.pods - 1).length);
  const pods = Array.from({ length: counts.pods }, (_, index) => ({
    name: podName(index, digits),
    namespace: namespaces[index % namespaces.length]!,
    nodeName: `kwok-node-${(index % counts.nodes) + 1}`,
  }));
  await createPods(kube, pods, 'list pods');
  // Pods whose index shares all digits but the last two: a hundred of them (fewer in a tiny run).
  const middle = podName(Math.floor(counts.pods / 2), digits);
  return {
    namespaces,
    projects,
    podCount: counts.pods,
    nameFilter: middle.slice(0, -2),
    seedSeconds: (performance.now() - start) / 1000,
  };
}
