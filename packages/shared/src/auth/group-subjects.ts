import type { AuthProviderKind } from '../schemas/auth-providers.ts';

/**
 * Group subjects of members. A provider's groups carry its prefix (`ldap-corp:Domain Admins`), so
 * they never collide with local groups or with another provider's; the group part is the name as
 * the provider gives it, spaces and all (Kubernetes allows any string as a group name).
 */

/** How a provider's groups are named in Bokujo (`ldap-corp:`). */
export function groupPrefix(kind: AuthProviderKind, id: string) {
  return `${kind}-${id}:`;
}

/** Local group names: no spaces, so one cannot be mistaken for a provider's group. */
export const localGroupNamePattern = /^[\w.@:-]{1,256}$/;

// The provider id part mirrors AuthProviderIdSchema's pattern; the first ':' ends it.
const providerGroupPattern = /^(oidc|ldap)-([a-z0-9](?:[a-z0-9-]*[a-z0-9])?):(.*)$/s;

export interface ProviderGroup {
  kind: AuthProviderKind;
  providerId: string;
  /** The group as the provider names it, without the prefix. */
  group: string;
}

/** The provider and group a prefixed subject names; undefined for a local group name. */
export function parseProviderGroup(subject: string): ProviderGroup | undefined {
  const match = providerGroupPattern.exec(subject);
  if (!match) return undefined;
  return { kind: match[1] as AuthProviderKind, providerId: match[2]!, group: match[3]! };
}

export type ProviderGroupProblem = 'empty' | 'control' | 'colon' | 'edgeSpace';

/**
 * Why a provider's group name cannot be a member, or undefined. Control characters cannot travel
 * in the Impersonate-Group header; a leading ':' reads as a second prefix; a space at either end
 * is a copy-and-paste slip that would never match what the provider sends.
 */
export function providerGroupProblem(group: string): ProviderGroupProblem | undefined {
  if (group === '') return 'empty';
  if ([...group].some(isControlCharacter)) return 'control';
  if (group.startsWith(':')) return 'colon';
  if (group.trim() !== group) return 'edgeSpace';
  return undefined;
}

/** C0 and C1 control characters and DEL (tab included: a group name has no use for it). */
function isControlCharacter(char: string) {
  const code = char.codePointAt(0)!;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}
