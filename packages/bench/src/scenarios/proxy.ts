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
  // The same call made directly but as the person Bokujo acts for (the bench's API token belongs to
  // the admin): the apiserver's own cost of impersonation and RBAC, which the plain direct call (a
  // system:masters certificate) skips. Via Bokujo minus this is what Bokujo itself adds.
  const directAsPerson = adminClient(context.cluster, 1, {
    'impersonate-user': 'bokujo:admin',
    'impersonate-group': ['bokujo:admins', 'system:authenticated'],
  });
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
      const times = { direct: [] as number[], bokujo: [] as number[], directAsPerson: [] as number[] };
      for (let i = 0; i < warmUp + options.proxyIterations; i++) {
        // Alternate who goes first so neither always meets a warmer cache or a quieter moment.
        const order =
          i % 2 === 0
            ? (['direct', 'directAsPerson', 'bokujo'] as const)
            : (['bokujo', 'directAsPerson', 'direct'] as const);
        for (const how of order) {
          const response =
            how === 'bokujo'
              ? await viaBokujo.request('GET', prefix + path)
              : await (how === 'direct' ? direct : directAsPerson).request('GET', path);
          if (i < 2 || items !== undefined) check(response, how);
          if (i >= warmUp) times[how].push(response.ms);
        }
      }
      const d = summarise(times.direct);
      const b = summarise(times.bokujo);
      const p = summarise(times.directAsPerson);
      const addedP50 = round(b.p50 - d.p50);
      const addedP99 = round(b.p99 - d.p99);
      log(
        `proxy ${measure}: direct p50 ${d.p50} p99 ${d.p99}; direct as the person p50 ${p.p50} p99 ${p.p99}; ` +
          `via Bokujo p50 ${b.p50} p99 ${b.p99} ms`,
      );
      context.figures.push(
        figure('proxy', `${measure}: direct p50`, d.p50, 'ms'),
        figure('proxy', `${measure}: direct p99`, d.p99, 'ms'),
        figure('proxy', `${measure}: via Bokujo p50`, b.p50, 'ms'),
        figure('proxy', `${measure}: via Bokujo p99`, b.p99, 'ms'),
        figure('proxy', `${measure}: added p50`, addedP50, 'ms', { max: 1 }),
        figure('proxy', `${measure}: added p99`, addedP99, 'ms', { max: 3 }),
        figure('proxy', `${measure}: ratio p50`, round(b.p50 / d.p50), '×'),
        figure('proxy', `${measure}: direct as the person (impersonated) p50`, p.p50, 'ms'),
        figure('proxy', `${measure}: added over direct as the person, p50`, round(b.p50 - p.p50), 'ms'),
        figure('proxy', `${measure}: added over direct as the person, p99`, round(b.p99 - p.p99), 'ms'),
      );
      details[measure] = {
        direct: d,
        directAsPerson: p,
        viaBokujo: b,
        addedP50,
        addedP99,
        ratioP50: round(b.p50 / d.p50),
      };
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
    directAsPerson.close();
    viaBokujo.close();
  }
  context.details.proxy = details;
}
