import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ensureBinaries } from './binaries.ts';
import { goModulesRoot } from './paths.ts';

const run = promisify(execFile);

describe('helm binary', () => {
  it('is built from the go/helm module, stamped with its version and cached apart from the control plane', async () => {
    const binaries = await ensureBinaries();
    const goMod = readFileSync(join(goModulesRoot, 'helm', 'go.mod'), 'utf8');
    const required = /^\s*helm\.sh\/helm\/v3\s+(v\S+)/m.exec(goMod)?.[1];
    expect(required).toMatch(/^v3\./);

    const { stdout } = await run(binaries.helm, ['version', '--short']);
    expect(stdout.trim()).toBe(required);
    // Its own cache folder: bumping helm must not rebuild kube-apiserver and friends.
    expect(basename(dirname(binaries.helm))).toMatch(new RegExp(`^helm-${required}_[0-9a-f]{12}$`));
    expect(dirname(binaries.helm)).not.toBe(binaries.root);

    const again = await ensureBinaries();
    expect(again.helm).toBe(binaries.helm);
  });
});
