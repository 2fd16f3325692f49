import { createHash } from 'node:crypto';
import { Agent } from 'node:https';
import type { ClusterConnection } from '../clusters/connection.ts';

/**
 * Every watch holds one apiserver connection for as long as it runs (HTTP/1.1 cannot share it),
 * so the cap exists to bound file descriptors per cluster, not throughput; a console with many
 * open lists must not queue its next request behind them.
 */
const maxSocketsPerCluster = 256;
/** Idle connections kept for reuse; more than a burst of UI requests rarely needs. */
const maxFreeSocketsPerCluster = 32;
/**
 * An idle pooled connection is closed after this long. Node only applies the agent's timeout to
 * sockets waiting in the free list, so long watches are unaffected.
 */
const idleSocketTimeoutMs = 60_000;

interface PooledAgent {
  fingerprint: string;
  agent: Agent;
}

/**
 * One keep-alive TLS agent per cluster. The agent carries the trust anchors and the client
 * certificate, so it is recreated when either changes (a re-import, a rotated credential); the
 * old one is destroyed, including streams opened under the old trust.
 */
export class UpstreamAgents {
  readonly #agents = new Map<string, PooledAgent>();

  agentFor(connection: ClusterConnection): Agent {
    const fingerprint = tlsFingerprint(connection);
    const pooled = this.#agents.get(connection.clusterId);
    if (pooled?.fingerprint === fingerprint) return pooled.agent;
    pooled?.agent.destroy();
    const agent = new Agent({
      keepAlive: true,
      maxSockets: maxSocketsPerCluster,
      maxFreeSockets: maxFreeSocketsPerCluster,
      timeout: idleSocketTimeoutMs,
      ...tlsOptions(connection),
    });
    this.#agents.set(connection.clusterId, { fingerprint, agent });
    return agent;
  }

  destroyAll(): void {
    for (const { agent } of this.#agents.values()) agent.destroy();
    this.#agents.clear();
  }
}

export function tlsOptions(connection: ClusterConnection) {
  return {
    ...(connection.caData ? { ca: connection.caData } : {}),
    ...(connection.credential.kind === 'client-certificate'
      ? { cert: connection.credential.certData, key: connection.credential.keyData }
      : {}),
    rejectUnauthorized: !connection.insecureSkipTlsVerify,
    ...(connection.tlsServerName ? { servername: connection.tlsServerName } : {}),
  };
}

/** What makes two connections need different TLS sessions; the bearer token travels per request. */
function tlsFingerprint(connection: ClusterConnection): string {
  const credential = connection.credential;
  const material = JSON.stringify([
    connection.server,
    connection.caData ?? '',
    connection.insecureSkipTlsVerify,
    connection.tlsServerName ?? '',
    credential.kind === 'client-certificate' ? [credential.certData, credential.keyData] : 'token',
  ]);
  return createHash('sha256').update(material).digest('hex');
}
