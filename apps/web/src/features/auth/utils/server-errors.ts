import { ApiError } from '@/lib/api-client';

/** The server's reason for each refused body field, keyed by the field's name (`/body/x` → `x`). */
export function bodyFieldReasons(error: Error | null): Record<string, string> {
  const reasons: Record<string, string> = {};
  const details = error instanceof ApiError ? error.fieldErrors : [];
  for (const { field, reason } of details) {
    const name = /^\/body\/([^/]+)/.exec(field)?.[1];
    if (name && !(name in reasons)) reasons[name] = reason;
  }
  return reasons;
}
