import type { BenchContext } from '../context.ts';
import { adminClient, log } from '../environment.ts';
import { HttpClient, type HttpResponse } from '../http.ts';
import { figure } from '../report.ts';
import { createNamespace, createPods, podName } from '../seed.ts';
import { round, summarise } from '../stats.ts';

const namespace = 'bench-proxy';
const warmUp = 20;

/**
 * The passthrough's cost: the same GET and LIST against the apiserver directly (admin client
 * certificate) and through `/k8s/clusters/:id` (API token, Bokujo's ServiceAccount impersonating
 * the caller), interleaved so both see the same machine load, one request in flight at a time.
 */
export async function proxyScenario(context: BenchContext) {
  const { options, kube, server, token, clusterId } = context;
  await createNamespace(kube, namespace);
  const pods = Array.from({ length: options.proxyPods }, (_, index) => ({
    name: podName(index, 5),
    namespace,
    nodeName: `kwok-node-${(index % options.nodes) + 1}`,
  }));
  await createPods(kube, pods, 'proxy pods');

  const direct = adminClient(context.cluster, 1);
  const viaBokujo = new HttpClient(server.url, { maxSockets: 1, headers: { authorization: `Bearer ${token}` } });
  const prefix = `/k8s/clusters/${clusterId}`;
  const series = [
    { measure: 'GET one pod', path: `/api/v1/namespaces/${namespace}/pods/${pods[0]!.name}`, items: undefined },
    {
      measure: `LIST ${options.proxyPods} pods`,
      path: `/api/v1/namespaces/${namespace}/pods`,
      items: options.proxyPods,
    },
  ];
  const details: Record<string, unknown> = { iterations: options.proxyIterations, warmUp };
  try {
    for (const { measure, path, items } of series) {
      const check = (response: HttpResponse, how: string) => {
        if (response.status !== 200) {
          throw new Error(`${measure} ${how} answered ${response.status}: ${response.body.toString().slice(0, 300)}`);
        }
        if (items !== undefined) {
          const count = (JSON.parse(response.body.toString()) as { items: unknown[] }).items.length;
          if (count !== items) throw new Error(`${measure} ${how} listed ${count} pods, not ${items}`);
        }
      };
      const times = { direct: [] as number[], bokujo: [] as number[] };
      for (let i = 0; i < warmUp + options.proxyIterations; i++) {
        // Alternate who goes first so neither always meets a warmer cache or a quieter moment.
        const order = i % 2 === 0 ? (['direct', 'bokujo'] as const) : (['bokujo', 'direct'] as const);
        for (const how of order) {
          const response =
            how === 'direct' ? await direct.request('GET', path) : await viaBokujo.request('GET', prefix + path);
          if (i < 2 || items !== undefined) check(response, how);
          if (i >= warmUp) times[how].push(response.ms);
        }
      }
      const d = summarise(times.direct);
      const b = summarise(times.bokujo);
      const addedP50 = round(b.p50 - d.p50);
      const addedP99 = round(b.p99 - d.p99);
      log(`proxy ${measure}: direct p50 ${d.p50} p99 ${d.p99}; via Bokujo p50 ${b.p50} p99 ${b.p99} ms`);
      context.figures.push(
        figure('proxy', `${measure}: direct p50`, d.p50, 'ms'),
        figure('proxy', `${measure}: direct p99`, d.p99, 'ms'),
        figure('proxy', `${measure}: via Bokujo p50`, b.p50, 'ms'),
        figure('proxy', `${measure}: via Bokujo p99`, b.p99, 'ms'),
        figure('proxy', `${measure}: added p50`, addedP50, 'ms', { max: 1 }),
        figure('proxy', `${measure}: added p99`, addedP99, 'ms', { max: 3 }),
        figure('proxy', `${measure}: ratio p50`, round(b.p50 / d.p50), '×'),
      );
      details[measure] = { direct: d, viaBokujo: b, addedP50, addedP99, ratioP50: round(b.p50 / d.p50) };
    }
    // Bokujo's own cost without Kubernetes: token check and an answer from the store.
    const me: number[] = [];
    for (let i = 0; i < warmUp + options.proxyIterations; i++) {
      const response = await viaBokujo.request('GET', '/api/v1/me');
      if (response.status !== 200) throw new Error(`GET /api/v1/me answered ${response.status}`);
      if (i >= warmUp) me.push(response.ms);
    }
    const m = summarise(me);
    context.figures.push(figure('proxy', 'GET /api/v1/me with the token (no Kubernetes): p50', m.p50, 'ms'));
    details['GET /api/v1/me'] = m;
  } finally {
    direct.close();
    viaBokujo.close();
  }
  context.details.proxy = details;
}
