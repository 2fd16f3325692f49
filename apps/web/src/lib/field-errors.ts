import { isApiError } from '@/lib/api-client';

/**
 * The server's reasons keyed by form path: `/body/oidc/issuer` → `oidc.issuer`. A pointer deeper
 * than any field the form has (`/body/oidc/scopes/2`, `/body/globalRoles/0`) lands on the nearest
 * field that holds it. Only the first reason per field is kept: a person fixes one thing at a time.
 */
export function fieldErrorsByPath(error: unknown, formPaths: readonly string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!isApiError(error)) return errors;
  for (const { field, reason } of error.fieldErrors) {
    const segments = /^\/body\/(.+)$/.exec(field)?.[1]?.split('/') ?? [];
    for (let length = segments.length; length > 0; length -= 1) {
      const path = segments.slice(0, length).join('.');
      if (formPaths.includes(path)) {
        errors[path] ??= reason;
        break;
      }
    }
  }
  return errors;
}

/** Whether the error names a field of the form (else it belongs in an alert above the form). */
export function namesAField(error: unknown, formPaths: readonly string[]): boolean {
  return Object.keys(fieldErrorsByPath(error, formPaths)).length > 0;
}
