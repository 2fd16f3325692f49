import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Request sent to last byte read, in ms. */
  ms: number;
}

export interface HttpClientOptions {
  /** PEM client certificate, key and CA for an https apiserver. */
  tls?: { ca: string; cert?: string; key?: string };
  headers?: Record<string, string | string[]>;
  /** Sockets kept open per origin; seeding uses many, timings one. */
  maxSockets?: number;
}

/**
 * One origin over keep-alive sockets with Node's own http(s) client, so Bokujo and the apiserver
 * are called the same way and only the hop differs.
 */
export class HttpClient {
  readonly #base: URL;
  readonly #headers: Record<string, string | string[]>;
  readonly #agent: HttpAgent | HttpsAgent;
  readonly #tls: HttpClientOptions['tls'];

  constructor(baseUrl: string, options: HttpClientOptions = {}) {
    this.#base = new URL(baseUrl);
    this.#headers = options.headers ?? {};
    this.#tls = options.tls;
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 8 };
    this.#agent =
      this.#base.protocol === 'https:'
        ? new HttpsAgent({ ...agentOptions, ...options.tls })
        : new HttpAgent(agentOptions);
  }

  get origin() {
    return this.#base.origin;
  }

  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResponse> {
    const url = new URL(path, this.#base);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const contentType = headers['content-type'] ?? 'application/json';
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const start = performance.now();
      const outgoing = send(
        url,
        {
          method,
          agent: this.#agent,
          headers: {
            accept: 'application/json',
            ...this.#headers,
            ...headers,
            ...(payload ? { 'content-type': contentType, 'content-length': String(payload.length) } : {}),
          },
          ...(url.protocol === 'https:' ? this.#tls : {}),
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks),
              ms: performance.now() - start,
            }),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }

  /** A JSON answer, or an error naming the call and the status. */
  async json<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const response = await this.request(method, path, body, headers);
    const text = response.body.toString();
    if (response.status >= 300) {
      throw new HttpStatusError(
        `${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`,
        response.status,
      );
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  close() {
    this.#agent.destroy();
  }
}

export class HttpStatusError extends Error {
  override name = 'HttpStatusError';
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

/** Runs `task` over `items` with at most `concurrency` at a time; the first failure stops the rest. */
export async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        await task(items[index]!, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** The server's own 404 for a path no route serves (as opposed to a route saying "no such object"). */
export function isMissingRoute(response: HttpResponse) {
  return response.status === 404 && response.body.toString().includes('"No route ');
}
