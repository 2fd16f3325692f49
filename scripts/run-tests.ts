// `npm test`: every check and every test runner, one after the other, then one summary line
// `N passed, N failed` over all of them. A step that fails does not stop the later ones, so one
// run reports everything; the exit code is non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Tally {
  passed: number;
  failed: number;
}

const reportDir = mkdtempSync(join(tmpdir(), 'bokujo-test-reports-'));
const results: { step: string; tally: Tally }[] = [];

function run(command: string, args: string[], env: Record<string, string> = {}) {
  process.stdout.write(`\n▶ ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

/** A static check counts as one test: it passes or fails as a whole. */
function check(step: string, command: string, args: string[]) {
  const ok = run(command, args);
  results.push({ step, tally: { passed: ok ? 1 : 0, failed: ok ? 0 : 1 } });
}

/** A test runner counts its own tests; a runner that dies without a report counts as one failure. */
function runner(step: string, command: string, args: string[], reportEnv: string, read: (report: unknown) => Tally) {
  const reportFile = join(reportDir, `${step}.json`);
  const ok = run(command, args, { [reportEnv]: reportFile });
  const tally = existsSync(reportFile) ? read(JSON.parse(readFileSync(reportFile, 'utf8'))) : { passed: 0, failed: 1 };
  if (!ok && tally.failed === 0) tally.failed = 1;
  results.push({ step, tally });
}

check('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
check('typecheck', 'npm', ['run', 'typecheck:all']);
check('format', 'npx', ['prettier', '--check', '.']);
check('build', 'npm', ['run', 'build', '-w', '@bokujo/web']);
check('bundle size', 'node', ['scripts/check-bundle-size.ts']);
// Built before the test runners so that a cold Go build is not charged to some test's timeout.
check('testenv binaries', 'node', ['packages/testenv/src/cli.ts', 'build']);
runner('vitest', 'npx', ['vitest', 'run'], 'VITEST_JSON_REPORT', (report) => {
  const { numPassedTests, numFailedTests } = report as { numPassedTests: number; numFailedTests: number };
  return { passed: numPassedTests, failed: numFailedTests };
});
runner('e2e', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts'], 'PLAYWRIGHT_JSON_REPORT', (report) => {
  const { stats } = report as { stats: { expected: number; unexpected: number; flaky: number } };
  return { passed: stats.expected, failed: stats.unexpected + stats.flaky };
});

process.stdout.write('\n');
for (const { step, tally } of results) {
  process.stdout.write(`  ${tally.failed === 0 ? '✓' : '✗'} ${step}: ${tally.passed} passed, ${tally.failed} failed\n`);
}
const passed = results.reduce((sum, { tally }) => sum + tally.passed, 0);
const failed = results.reduce((sum, { tally }) => sum + tally.failed, 0);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
