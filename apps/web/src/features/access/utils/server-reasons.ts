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
