import type { ErrorResponse } from '@bokujo/shared';

/** A failed call to Bokujo's API, carrying the shared error body when the server sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorResponse | undefined;
  constructor(status: number, message: string, body?: ErrorResponse) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: { accept: 'application/json', ...init.headers },
    credentials: 'same-origin',
  });
  const body: unknown = await readJson(response);
  if (!response.ok) {
    const error = isErrorResponse(body) ? body : undefined;
    throw new ApiError(response.status, error?.message ?? response.statusText, error);
  }
  return body as T;
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

function isErrorResponse(value: unknown): value is ErrorResponse {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}
