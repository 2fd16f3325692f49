import { vi } from 'vitest';

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/api/v1/clusters`. */
  path: string;
  headers: Headers;
  body: unknown;
}

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A fixed answer, or one computed from the request (e.g. to change after the first call). */
export type Route = Reply | ((request: RecordedRequest, calls: number) => Reply);

/**
 * Stands in for the server behind `fetch` in one test: routes are `"METHOD /path"` (with the
 * query when it matters). Unknown routes answer 404 with the server's error body, so a test that
 * forgot a route fails visibly. Every request is recorded for assertions.
 */
export function fakeServer(routes: Record<string, Route>) {
  const requests: RecordedRequest[] = [];
  const counts = new Map<string, number>();
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://localhost',
    );
    const method = (init.method ?? 'GET').toUpperCase();
    const path = `${url.pathname}${url.search}`;
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const request: RecordedRequest = { method, path, headers: new Headers(init.headers), body };
    requests.push(request);
    const key = [`${method} ${path}`, `${method} ${url.pathname}`].find((candidate) => candidate in routes);
    const route = key ? routes[key] : undefined;
    if (!key || !route) {
      return json(404, { statusCode: 404, code: 'NOT_FOUND', message: `No route ${method} ${url.pathname}` });
    }
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    const reply = typeof route === 'function' ? route(request, count) : route;
    return json(reply.status ?? 200, reply.body, reply.headers);
  });
  vi.stubGlobal('fetch', fetch);
  return {
    requests,
    /** The requests to one route, e.g. `server.to('POST /api/v1/clusters/import')`. */
    to: (route: string) => requests.filter((request) => `${request.method} ${request.path.split('?')[0]}` === route),
  };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = body === undefined || status === 204 ? null : JSON.stringify(body);
  return new Response(text, { status, headers: { 'content-type': 'application/json', ...headers } });
}

export const unauthenticated: Reply = {
  status: 401,
  body: { statusCode: 401, code: 'UNAUTHENTICATED', message: 'Sign in first' },
};
