// Kept apart from the schemas: the login page needs these before anything else, without TypeBox.

/**
 * Why a login through a provider failed, as the OIDC callback tells the SPA in `error=` (the login
 * page after a login, the providers page after a test); the detail stays in the server log.
 * `conflict`: the provider's person and the Bokujo user are linked otherwise.
 */
export const externalLoginFailureReasons = [
  'credentials',
  'unreachable',
  'misconfigured',
  'refused',
  'forbidden',
  'disabled',
  'conflict',
] as const;
export type ExternalLoginFailureReason = (typeof externalLoginFailureReasons)[number];

export function isExternalLoginFailureReason(value: unknown): value is ExternalLoginFailureReason {
  return externalLoginFailureReasons.includes(value as ExternalLoginFailureReason);
}
