import type { ErrorResponse, FieldError } from '@bokujo/shared';

/** The cookie the server sets at login for scripts to read and echo (double-submit CSRF). */
export const csrfCookieName = 'bokujo_csrf';
export const csrfHeaderName = 'X-CSRF-Token';

/** A failed call to Bokujo's API, carrying the shared error body when the server sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorResponse | undefined;
  /** From `Retry-After` on a 429, so the page can say how long to wait. */
  readonly retryAfterSeconds: number | undefined;
  constructor(status: number, message: string, body?: ErrorResponse, retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The fields the server named (JSON pointers such as `/body/name`) and why each was refused. */
  get fieldErrors(): FieldError[] {
    return this.body?.details ?? [];
  }
}

export const isApiError = (error: unknown, status?: number): error is ApiError =>
  error instanceof ApiError && (status === undefined || error.status === status);

/** 401: no session, or it expired. */
export const isUnauthenticated = (error: unknown) => isApiError(error, 401);

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ApiRequestInit extends Omit<RequestInit, 'body'> {
  /** Sent as a JSON body. */
  json?: unknown;
}

export async function apiFetch<T>(path: string, { json, ...init }: ApiRequestInit = {}): Promise<T> {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  // A caller may name another JSON media type, e.g. Kubernetes' application/merge-patch+json.
  if (json !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  if (!safeMethods.has(method)) {
    const csrf = readCookie(csrfCookieName);
    if (csrf) headers.set(csrfHeaderName, csrf);
  }
  const response = await fetch(path, {
    ...init,
    method,
    headers,
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    credentials: 'same-origin',
  });
  const body: unknown = await readJson(response);
  if (!response.ok) {
    const error = isErrorResponse(body) ? body : undefined;
    throw new ApiError(
      response.status,
      error?.message ?? response.statusText,
      error,
      parseRetryAfter(response.headers.get('retry-after')),
    );
  }
  return body as T;
}

export function readCookie(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  for (const part of document.cookie.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === name) return decodeURIComponent(part.slice(separator + 1).trim());
  }
  return undefined;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Bokujo's own error body; a Kubernetes `Status` from the passthrough also has code and message. */
function isErrorResponse(value: unknown): value is ErrorResponse {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}
