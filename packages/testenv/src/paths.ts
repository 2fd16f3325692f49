import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the package (the folder holding package.json and go/). */
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The Go wrapper modules, one per upstream project so their dependency graphs never mix. */
export const goModulesRoot = join(packageRoot, 'go');

/**
 * Where binaries and cluster state live. BOKUJO_TESTENV_HOME wins so CI or a developer can point
 * it at a roomier disk; otherwise the XDG cache folder, which survives reboots but nobody backs up.
 */
export function testenvHome(): string {
  const explicit = process.env.BOKUJO_TESTENV_HOME;
  if (explicit) return resolve(explicit);
  const cacheRoot = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheRoot, 'bokujo', 'testenv');
}

export function clustersRoot(home = testenvHome()): string {
  return join(home, 'clusters');
}

export function clusterDir(name: string, home = testenvHome()): string {
  return join(clustersRoot(home), name);
}

const clusterNamePattern = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;

/** Names become folder names and kubeconfig context names, so keep them DNS-label-like. */
export function assertClusterName(name: string): void {
  if (!clusterNamePattern.test(name)) {
    throw new Error(
      `invalid cluster name "${name}": use 1-40 lowercase letters, digits or '-', starting and ending with a letter or digit`,
    );
  }
}
