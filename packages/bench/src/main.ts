import { availableParallelism, cpus, totalmem } from 'node:os';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Cluster } from '@bokujo/testenv';
import { type BenchContext, MissingPieceError } from './context.ts';
import {
  adminClient,
  bokujoClient,
  BokujoServer,
  ensureWebDir,
  importCluster,
  log,
  repoRoot,
  runInterruptCleanUps,
  setUpAdmin,
  startBenchCluster,
} from './environment.ts';
import { type BenchOptions, OptionsError, parseOptions, type ScenarioName, usage } from './options.ts';
import { markdownTable, replaceBetweenMarkers, textTable } from './report.ts';
import { browserScenario } from './scenarios/browser.ts';
import { clustersScenario } from './scenarios/clusters.ts';
import { listScenario } from './scenarios/list.ts';
import { proxyScenario } from './scenarios/proxy.ts';
import { watchScenario } from './scenarios/watch.ts';

const benchDir = join(repoRoot, 'packages/bench');

const scenarios: Record<ScenarioName, (context: BenchContext) => Promise<void>> = {
  proxy: proxyScenario,
  list: listScenario,
  watch: watchScenario,
  browser: browserScenario,
  clusters: clustersScenario,
};

function machine() {
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryBytes: totalmem(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

async function main(options: BenchOptions, extra: { webDir: string | undefined; buildWeb: boolean }) {
  const started = new Date();
  let cluster: Cluster | undefined;
  let server: BokujoServer | undefined;
  const cleanUp = async () => {
    await server?.remove().catch(() => undefined);
    await cluster?.stop().catch(() => undefined);
  };
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: stopping the server and the cluster`);
      void runInterruptCleanUps()
        .then(cleanUp)
        .finally(() => process.exit(130));
    });
  }
  // The cluster stops with this process anyway (testenv supervises it); the server is ours to kill.
  process.once('exit', () => server?.killNow());

  try {
    const webDir = await ensureWebDir(extra);
    log(`starting a testenv cluster with ${options.nodes} kwok nodes`);
    cluster = await startBenchCluster(options.nodes);
    server = await BokujoServer.create(webDir);
    await server.start();
    log(`Bokujo at ${server.url} (pid ${server.pid}), data in ${server.dataDir}`);
    const token = await setUpAdmin(server);
    const api = bokujoClient(server, token);
    const clusterId = await importCluster(api, cluster, 'bench');
    log(`cluster imported as ${clusterId}`);
    const context: BenchContext = {
      options,
      cluster,
      kube: adminClient(cluster, 64),
      server,
      token,
      api,
      clusterId,
      figures: [],
      details: {},
      skipped: [],
    };
    for (const name of options.only) {
      log(`── ${name}`);
      const start = performance.now();
      try {
        await scenarios[name](context);
      } catch (error) {
        if (!(error instanceof MissingPieceError)) throw error;
        log(`${name} skipped: ${error.message}`);
        context.skipped.push({ scenario: name, reason: error.message });
      }
      log(`── ${name} done in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    }
    context.kube.close();
    api.close();
    await report(context, started);
  } finally {
    await cleanUp();
  }
}

async function report(context: BenchContext, started: Date) {
  const { options, figures, skipped } = context;
  const date = started.toISOString();
  process.stdout.write(`\n${textTable(figures)}\n`);
  for (const { scenario, reason } of skipped) process.stdout.write(`skipped ${scenario}: ${reason}\n`);
  const notes = [
    'Taken on a shared development machine while other engineers ran builds and tests on the same 2 cores: figures are pessimistic.',
    'Client, Bokujo server, apiserver, etcd, kwok and Chromium all run on one machine.',
    ...(options.quick ? ['--quick run: small sizes, figures are not comparable with the targets.'] : []),
  ];
  const results = {
    date,
    finished: new Date().toISOString(),
    machine: machine(),
    options,
    targets: figures
      .filter((row) => row.target)
      .map(({ scenario, measure, target, met, value, unit }) => ({
        scenario,
        measure,
        target,
        value,
        unit,
        met: met ?? null,
      })),
    figures,
    skipped,
    details: context.details,
    notes,
  };
  if (options.dryRun) return;
  const resultsDir = join(benchDir, 'results');
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, options.quick ? 'quick.json' : 'latest.json');
  await writeFile(file, await formatLikeTheRepo(file, JSON.stringify(results)));
  log(`wrote ${file}`);
  // Only a full-size run stands for Bokujo in the README; a smoke run would mislead.
  if (options.quick) return;
  const facts = machine();
  const table = [
    `Run of ${date.slice(0, 16).replace('T', ' ')} UTC on ${facts.cores} cores (${facts.cpu}), ` +
      `${(facts.memoryBytes / 2 ** 30).toFixed(0)} GiB, Node ${facts.node}; scenarios: ${options.only.join(', ')}. ` +
      `Sizes: ${options.pods} pods in ${options.namespaces} namespaces on ${options.nodes} nodes, ` +
      `${options.projects} projects; proxy ${options.proxyIterations} rounds over ${options.proxyPods} pods; ` +
      `${options.listRequests} list requests per series; ${options.subscribers} subscribers, ${options.changes} changes; ` +
      `${options.clusters} clusters; at most ${options.scrollSteps} scroll steps.`,
    '',
    markdownTable(figures),
    ...(skipped.length > 0 ? ['', ...skipped.map(({ scenario, reason }) => `- ${scenario} skipped: ${reason}`)] : []),
    '',
    ...notes.map((note) => `- ${note}`),
  ].join('\n');
  const readme = join(benchDir, 'README.md');
  await writeFile(
    readme,
    await formatLikeTheRepo(readme, replaceBetweenMarkers(await readFile(readme, 'utf8'), table)),
  );
  log(`updated ${readme}`);
}

/** Written files pass `npm run format:check` (the repository's Prettier and its config). */
async function formatLikeTheRepo(file: string, text: string) {
  const prettier = await import('prettier');
  const config = await prettier.resolveConfig(file);
  return prettier.format(text, { ...config, filepath: file });
}

function parseExtra(argv: string[]) {
  const rest: string[] = [];
  let webDir: string | undefined = process.env['BOKUJO_BENCH_WEB_DIR'];
  let buildWeb = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--web-dir') webDir = argv[++i];
    else if (arg.startsWith('--web-dir=')) webDir = arg.slice('--web-dir='.length);
    else if (arg === '--build-web') buildWeb = true;
    else rest.push(arg);
  }
  return { rest, webDir, buildWeb };
}

const { rest, webDir, buildWeb } = parseExtra(process.argv.slice(2));
let options: BenchOptions | 'help';
try {
  options = parseOptions(rest);
} catch (error) {
  const message = error instanceof OptionsError || error instanceof TypeError ? error.message : String(error);
  process.stderr.write(`${message}\n\n${usage}`);
  process.exit(2);
}
if (options === 'help') {
  process.stdout.write(usage);
} else {
  await main(options, { webDir, buildWeb }).catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
  // Everything is stopped by now; a library's idle handle (a keep-alive pool) must not keep a
  // finished run waiting.
  process.exit();
}
