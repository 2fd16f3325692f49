// npm run cluster -- up NAME [--nodes N] [--demo] [--port P] | down NAME | list [--json] | build
import { parseArgs } from 'node:util';
import { ensureBinaries, readBuildManifest } from './binaries.ts';
import { getCluster, listClusters, startCluster, stopCluster } from './cluster.ts';

const usage = `usage: npm run cluster -- <command>

  up NAME [--nodes N] [--demo] [--port P]
      start cluster NAME in the background and print its admin kubeconfig path (last line)
  down NAME    stop cluster NAME and remove its state
  list [--json]
      list clusters
  build        build (or find cached) control-plane binaries
`;

const out = (line: string): boolean => process.stdout.write(`${line}\n`);
const err = (line: string): boolean => process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      nodes: { type: 'string' },
      demo: { type: 'boolean', default: false },
      port: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, name] = positionals;
  if (values.help || !command) {
    (values.help ? out : err)(usage);
    return values.help ? 0 : 2;
  }

  switch (command) {
    case 'up': {
      if (!name) return fail('up needs a cluster NAME');
      const nodes = values.nodes === undefined ? 1 : Number(values.nodes);
      const port = values.port === undefined ? undefined : Number(values.port);
      if (port !== undefined && !Number.isInteger(port)) return fail(`--port must be a number, got ${values.port}`);
      const running = tryGetCluster(name);
      if (running) {
        err(`cluster ${name} is already running at ${running.server}`);
        out(running.kubeconfigPath);
        return 0;
      }
      const started = Date.now();
      const cluster = await startCluster({
        name,
        nodes,
        demo: values.demo,
        detached: true,
        onProgress: (line) => err(line),
        ...(port !== undefined ? { apiServerPort: port } : {}),
      });
      err(`cluster ${name} is ready at ${cluster.server} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
      err(`  export KUBECONFIG=${cluster.kubeconfigPath}`);
      out(cluster.kubeconfigPath);
      return 0;
    }
    case 'down': {
      if (!name) return fail('down needs a cluster NAME');
      const existed = await stopCluster(name);
      err(existed ? `cluster ${name} stopped and removed` : `no cluster named ${name}`);
      return 0;
    }
    case 'list': {
      const clusters = listClusters();
      if (values.json) {
        out(JSON.stringify(clusters, null, 2));
        return 0;
      }
      if (clusters.length === 0) {
        err('no clusters');
        return 0;
      }
      const rows = clusters.map((cluster) => [
        cluster.name,
        cluster.status,
        String(cluster.nodes),
        cluster.server ?? '-',
        cluster.kubeconfigPath ?? '-',
      ]);
      const table = [['NAME', 'STATUS', 'NODES', 'SERVER', 'KUBECONFIG'], ...rows];
      const widths = table[0]?.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length))) ?? [];
      for (const row of table)
        out(
          row
            .map((cell, column) => cell.padEnd(widths[column] ?? 0))
            .join('  ')
            .trimEnd(),
        );
      return 0;
    }
    case 'build': {
      const binaries = await ensureBinaries({ log: (line) => err(line) });
      const manifest = readBuildManifest(binaries);
      err(`kubernetes ${manifest.versions.kubernetes}, etcd ${manifest.versions.etcd}, kwok ${manifest.versions.kwok}`);
      err(`helm: ${binaries.helm}`);
      out(binaries.root);
      return 0;
    }
    default:
      return fail(`unknown command "${command}"\n\n${usage}`);
  }
}

function tryGetCluster(name: string): ReturnType<typeof getCluster> | undefined {
  try {
    return getCluster(name);
  } catch {
    return undefined;
  }
}

function fail(message: string): number {
  err(`error: ${message}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    err(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
