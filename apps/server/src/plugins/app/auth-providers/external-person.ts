import type { ExternalLoginFailureReason } from '@bokujo/shared';

/** A person as a provider vouches for them at one login or refresh. */
export interface ExternalPerson {
  /** Stable id at the provider (OIDC `sub`, LDAP entryUUID / objectGUID): never the display name. */
  externalId: string;
  /** What they typed or the username claim; becomes their Bokujo username. */
  loginName: string;
  displayName: string;
  /** Group names as the provider gives them, without Bokujo's provider prefix. */
  groups: string[];
}

/** Why a login through a provider failed, in words safe to show (never a secret or a DN). */
export class ExternalLoginError extends Error {
  override name = 'ExternalLoginError';
  /** `forbidden`: the provider vouched for the person, but Bokujo's access mode does not admit them. */
  readonly reason: Exclude<ExternalLoginFailureReason, 'conflict'>;
  constructor(reason: ExternalLoginError['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}
