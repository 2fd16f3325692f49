import { parseArgs } from 'node:util';

export const scenarioNames = ['proxy', 'list', 'watch', 'browser', 'clusters'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

export interface BenchOptions {
  only: ScenarioName[];
  quick: boolean;
  /** Pods of the list and browser scenarios, spread over `namespaces` on `nodes` kwok nodes. */
  pods: number;
  namespaces: number;
  nodes: number;
  /** Bokujo projects the namespaces are spread over. */
  projects: number;
  /** Pods in the one namespace the proxy LISTs. */
  proxyPods: number;
  proxyIterations: number;
  listRequests: number;
  subscribers: number;
  /** Label patches whose delivery is timed. */
  changes: number;
  clusters: number;
  /** Most scroll steps through the pods table (larger steps on a long table). */
  scrollSteps: number;
  /** Don't rewrite README.md and results/latest.json (a trial run). */
  dryRun: boolean;
}

const full: Omit<BenchOptions, 'only' | 'quick' | 'dryRun'> = {
  pods: 50_000,
  namespaces: 500,
  nodes: 100,
  projects: 10,
  proxyPods: 1000,
  proxyIterations: 300,
  listRequests: 50,
  subscribers: 1000,
  changes: 50,
  clusters: 100,
  scrollSteps: 600,
};

/** A smoke run: every scenario end to end in a couple of minutes, figures not comparable to targets. */
const quick: typeof full = {
  pods: 2000,
  namespaces: 20,
  nodes: 5,
  projects: 4,
  proxyPods: 200,
  proxyIterations: 50,
  listRequests: 20,
  subscribers: 50,
  changes: 10,
  clusters: 10,
  scrollSteps: 600,
};

export const usage = `npm run bench -- [options]

  --only LIST         scenarios to run, comma-separated: ${scenarioNames.join(',')} (default: all)
  --quick             small smoke run (${quick.pods} pods, ${quick.subscribers} subscribers, ${quick.clusters} clusters)
  --pods N            pods for list and browser (default ${full.pods})
  --namespaces N      namespaces they are spread over (default ${full.namespaces})
  --nodes N           kwok nodes (default ${full.nodes})
  --projects N        Bokujo projects the namespaces belong to (default ${full.projects})
  --proxy-pods N      pods in the namespace the proxy LISTs (default ${full.proxyPods})
  --iterations N      proxy requests per series (default ${full.proxyIterations})
  --requests N        list requests per series (default ${full.listRequests})
  --subscribers N     websocket subscribers (default ${full.subscribers})
  --changes N         pod changes whose delivery is timed (default ${full.changes})
  --clusters N        imported clusters for the cluster list (default ${full.clusters})
  --scroll-steps N    most steps to scroll the pods table (default ${full.scrollSteps}; 600 reads every page of 50k)
  --dry-run           print the table only; leave README.md and results/ as they are
  --web-dir DIR       built SPA to serve (default apps/web/dist, or BOKUJO_BENCH_WEB_DIR)
  --build-web         build the SPA into packages/bench/.web-dist first and serve that
  --help              this text
`;

export class OptionsError extends Error {
  override name = 'OptionsError';
}

/** Reads the command line; `--quick` sets smaller defaults that explicit options still override. */
export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  const numeric = [
    'pods',
    'namespaces',
    'nodes',
    'projects',
    'proxy-pods',
    'iterations',
    'requests',
    'subscribers',
    'changes',
    'clusters',
    'scroll-steps',
  ] as const;
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
      ...Object.fromEntries(numeric.map((name) => [name, { type: 'string' as const }])),
    },
  });
  if (values.help) return 'help';
  const base = values.quick ? quick : full;
  const number = (name: (typeof numeric)[number], fallback: number, minimum = 1) => {
    const text = (values as Record<string, string | boolean | undefined>)[name];
    if (text === undefined) return fallback;
    const value = Number(text);
    if (typeof text !== 'string' || !/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < minimum) {
      throw new OptionsError(`--${name} must be a whole number ≥ ${minimum}, not ${JSON.stringify(text)}`);
    }
    return value;
  };
  const only = values.only === undefined ? [...scenarioNames] : parseOnly(values.only);
  const options: BenchOptions = {
    only,
    quick: values.quick,
    dryRun: values['dry-run'],
    pods: number('pods', base.pods),
    namespaces: number('namespaces', base.namespaces),
    nodes: number('nodes', base.nodes),
    projects: number('projects', base.projects),
    proxyPods: number('proxy-pods', base.proxyPods),
    proxyIterations: number('iterations', base.proxyIterations),
    listRequests: number('requests', base.listRequests),
    subscribers: number('subscribers', base.subscribers),
    changes: number('changes', base.changes),
    clusters: number('clusters', base.clusters),
    scrollSteps: number('scroll-steps', base.scrollSteps),
  };
  if (options.namespaces > options.pods) {
    throw new OptionsError(`--namespaces (${options.namespaces}) must not exceed --pods (${options.pods})`);
  }
  if (options.projects > options.namespaces) {
    throw new OptionsError(`--projects (${options.projects}) must not exceed --namespaces (${options.namespaces})`);
  }
  return options;
}

function parseOnly(text: string): ScenarioName[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(scenarioNames as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new OptionsError(`--only takes ${scenarioNames.join(', ')}; unknown: ${unknown.join(', ') || '(empty)'}`);
  }
  // Always in the canonical order: the cluster scenario restarts the server, so it runs last.
  return scenarioNames.filter((name) => names.includes(name));
}
