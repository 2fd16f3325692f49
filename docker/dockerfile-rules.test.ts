// hadolint is not packaged for Debian 12 and there is no Docker engine here, so these rules stand
// in for the linter on the points that matter for this image.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Instructions with continuation lines joined and comments dropped. */
function instructions(text: string): Instruction[] {
  const result: Instruction[] = [];
  let pending: Instruction | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) return;
    if (pending) pending.args += ` ${line.replace(/\\$/, '').trim()}`;
    else {
      const [keyword = '', ...rest] = line.split(/\s+/);
      pending = { keyword: keyword.toUpperCase(), args: rest.join(' ').replace(/\\$/, '').trim(), line: index + 1 };
    }
    if (!line.endsWith('\\')) {
      result.push(pending);
      pending = undefined;
    }
  });
  return result;
}

const dockerfile = readFileSync(join(import.meta.dirname, 'Dockerfile'), 'utf8');
const all = instructions(dockerfile);
const args = new Map(
  all.filter((i) => i.keyword === 'ARG' && i.args.includes('=')).map((i) => i.args.split('=', 2) as [string, string]),
);
const stages = all.filter((i) => i.keyword === 'FROM');
const finalStage = all.slice(all.indexOf(stages.at(-1) as Instruction));

function image(from: Instruction): string {
  const reference = from.args.split(/\s+/)[0] ?? '';
  return reference.replace(/^\$\{(\w+)\}$/, (_, name: string) => args.get(name) ?? reference);
}

describe('docker/Dockerfile rules', () => {
  it('builds in one stage and runs from another, each base pinned by a tag that is not latest', () => {
    expect(stages).toHaveLength(2);
    for (const from of stages) {
      const reference = image(from);
      expect(reference, `line ${from.line}`).toMatch(/^[\w./-]+:[\w.-]+$/);
      expect(reference.split(':')[1], `line ${from.line}`).not.toBe('latest');
    }
    expect(image(stages[1] as Instruction)).toMatch(/^gcr\.io\/distroless\/nodejs24-debian12:nonroot$/);
  });

  it('runs as a numeric non-root user in the final stage', () => {
    const users = finalStage.filter((i) => i.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)?.args ?? '';
    expect(user).toMatch(/^\d+(:\d+)?$/);
    expect(user.split(':')[0]).not.toBe('0');
  });

  it('has an exec-form HEALTHCHECK on /api/v1/healthz, EXPOSE and OCI labels', () => {
    const healthcheck = finalStage.find((i) => i.keyword === 'HEALTHCHECK');
    expect(healthcheck?.args).toMatch(/\bCMD \[".*\/api\/v1\/healthz.*"\]$/);
    expect(finalStage.find((i) => i.keyword === 'EXPOSE')?.args).toBe('8080');
    const labels = finalStage
      .filter((i) => i.keyword === 'LABEL')
      .map((i) => i.args)
      .join(' ');
    for (const key of ['title', 'description', 'licenses', 'version', 'revision', 'source']) {
      expect(labels).toContain(`org.opencontainers.image.${key}=`);
    }
  });

  it('never ADDs (no remote URLs or archives) and gives every COPY into the final stage an owner', () => {
    expect(all.filter((i) => i.keyword === 'ADD')).toEqual([]);
    const copies = finalStage.filter((i) => i.keyword === 'COPY');
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(copy.args, `line ${copy.line}`).toMatch(/--chown=\d+:\d+/);
    // Only the data dir belongs to the server's user; the application stays root's, read-only to it.
    expect(copies.map((copy) => copy.args)).toEqual([
      '--from=build --chown=0:0 /out/app /app',
      '--from=build --chown=65532:65532 /out/data /var/lib/bokujo',
    ]);
  });

  it('runs the same assembly script the layout test runs, and points the data dir at the volume', () => {
    expect(all.some((i) => i.keyword === 'RUN' && i.args.includes('bash docker/assemble-runtime.sh /out/app'))).toBe(
      true,
    );
    const env = finalStage
      .filter((i) => i.keyword === 'ENV')
      .map((i) => i.args)
      .join(' ');
    expect(env).toContain('BOKUJO_DATA_DIR=/var/lib/bokujo');
    expect(finalStage.find((i) => i.keyword === 'VOLUME')?.args).toBe('["/var/lib/bokujo"]');
  });
});
