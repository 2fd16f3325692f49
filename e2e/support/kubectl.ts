import type { Cluster } from '@bokujo/testenv';

/** What the cluster itself says, read with its admin kubectl: the ground truth a spec checks the UI against. */
export async function kubectlJson<T>(cluster: Cluster, args: string[]): Promise<T> {
  const { stdout } = await cluster.kubectl([...args, '-o', 'json']);
  return JSON.parse(stdout) as T;
}
