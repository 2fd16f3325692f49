import { ensureBinaries } from './binaries.ts';

/** Vitest global setup: build (or find) the binaries before the per-file hook timeouts apply. */
export default async function setup(): Promise<void> {
  await ensureBinaries({ log: (line) => process.stderr.write(`testenv: ${line}\n`) });
}
