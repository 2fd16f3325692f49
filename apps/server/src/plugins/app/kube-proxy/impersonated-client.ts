import type { Principal } from '../auth/principal.ts';
import { kubernetesIdentity } from '../auth/principal.ts';
import type { ClusterConnection } from '../clusters/connection.ts';
import { upstreamRequestHeaders } from './forwarded-headers.ts';
import { upstreamPath } from './proxy-target.ts';
import type { UpstreamAgents } from './upstream-agents.ts';
import { startUpstreamRequest, upstreamFailure } from './upstream-request.ts';

export interface KubeResponse<T = unknown> {
  status: number;
  body: T;
}

export interface KubeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  /** For PATCH: `application/merge-patch+json`, `application/json-patch+json`, … */
  contentType?: string;
}

/**
 * Calls a cluster as a person, from inside Bokujo (for operations Bokujo composes of several
 * Kubernetes calls), with the same credential, impersonation headers and connection pool as the
 * proxy. Kubernetes' RBAC answers; a refusal comes back as its Status, not as an exception.
 */
export async function callAsPerson<T = unknown>(
  agents: UpstreamAgents,
  connection: ClusterConnection,
  principal: Principal,
  request: KubeRequest,
  connectTimeoutMs = 10_000,
): Promise<KubeResponse<T>> {
  const payload = request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body));
  const headers = upstreamRequestHeaders(
    {
      accept: 'application/json',
      ...(payload
        ? { 'content-type': request.contentType ?? 'application/json', 'content-length': String(payload.length) }
        : {}),
    },
    {
      identity: kubernetesIdentity(principal),
      bearerToken: connection.credential.kind === 'token' ? connection.credential.token : undefined,
    },
  );
  return new Promise((resolve, reject) => {
    const upstream = startUpstreamRequest({
      connection,
      agent: agents.agentFor(connection),
      method: request.method,
      path: upstreamPath(new URL(connection.server), request.path),
      headers,
      connectTimeoutMs,
    });
    upstream.on('error', (error) => reject(upstreamFailure(error, connection.clusterId)));
    upstream.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => reject(upstreamFailure(error, connection.clusterId)));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // Not JSON (an HTML error page from a proxy in front of the apiserver); keep the text.
        }
        resolve({ status: response.statusCode ?? 502, body: body as T });
      });
    });
    upstream.end(payload);
  });
}
