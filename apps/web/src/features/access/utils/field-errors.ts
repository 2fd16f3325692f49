import { isApiError } from '@/lib/api-client';

/**
 * The server's reason for each refused body field, keyed by the field's name: `/body/name` →
 * `name`. Only the first reason per field is kept: a person fixes one thing at a time.
 */
export function bodyFieldReasons(error: unknown): Record<string, string> {
  const reasons: Record<string, string> = {};
  if (!isApiError(error)) return reasons;
  for (const { field, reason } of error.fieldErrors) {
    const name = /^\/body\/([^/]+)/.exec(field)?.[1];
    if (name && !(name in reasons)) reasons[name] = reason;
  }
  return reasons;
}

/** Reasons the server gives in English that the catalogs translate (`fieldError.*`). */
const knownReasons = {
  'is taken': 'taken',
  'is not a user': 'notAUser',
  'must not contain the username': 'containsUsername',
  'is already granted to this member': 'alreadyGranted',
} as const satisfies Record<string, string>;

export type KnownReason = (typeof knownReasons)[keyof typeof knownReasons];

/** The catalog key for a reason the server gives, when there is one; other reasons show as sent. */
export function knownReason(reason: string): KnownReason | undefined {
  return Object.hasOwn(knownReasons, reason) ? knownReasons[reason as keyof typeof knownReasons] : undefined;
}

/** Whether the error names at least one of the form's fields (else it belongs above the form). */
export function namesAField(error: unknown, fields: readonly string[]): boolean {
  const reasons = bodyFieldReasons(error);
  return fields.some((field) => field in reasons);
}
