import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive, sleep } from './proc.ts';

export interface Lock {
  release(): void;
}

/**
 * A lock folder (mkdir is atomic) holding the owner's pid. A lock whose owner died is taken over,
 * so a build killed half-way never blocks the next run.
 */
export async function acquireLock(
  path: string,
  options: { timeoutMs: number; onWait?: (ownerPid: number) => void },
): Promise<Lock> {
  const deadline = Date.now() + options.timeoutMs;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(path);
      writeFileSync(join(path, 'owner'), String(process.pid));
      return { release: () => rmSync(path, { recursive: true, force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(path);
    if (owner === undefined || !isAlive(owner)) {
      // The owner may be between mkdir and writing its pid; only a lock older than that is stale.
      if (owner !== undefined || lockAgeMs(path) > 5_000) {
        rmSync(path, { recursive: true, force: true });
        continue;
      }
    } else if (!announced) {
      options.onWait?.(owner);
      announced = true;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for lock ${path} held by pid ${owner ?? 'unknown'}`);
    }
    await sleep(500);
  }
}

function readOwner(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(join(path, 'owner'), 'utf8'), 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function lockAgeMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
