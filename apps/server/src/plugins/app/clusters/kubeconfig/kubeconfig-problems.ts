import type { FieldError } from '@bokujo/shared';
import { InputError } from '../../../../errors.ts';

/** The import request's kubeconfig; every problem inside it is a JSON pointer below this one. */
export const kubeconfigField = '/body/kubeconfig';

/** The import request's own choice of context, which lives beside the kubeconfig, not in it. */
export const contextChoiceField = '/body/context';

export type PointerSegment = string | number;

/** JSON pointer (RFC 6901) into the uploaded kubeconfig, e.g. `/body/kubeconfig/users/0/user/exec`. */
export function kubeconfigPointer(...segments: PointerSegment[]): string {
  return [kubeconfigField, ...segments.map(escapePointerSegment)].join('/');
}

function escapePointerSegment(segment: PointerSegment): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * Throws the 400 the import route answers with. The message repeats the first reason so a client
 * that shows only `message` still tells the person what to fix.
 */
export function refuseKubeconfig(problems: readonly FieldError[]): never {
  const [first] = problems;
  const reason = first?.reason ?? 'it is not a usable kubeconfig';
  const more = problems.length - 1;
  const suffix = more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : '';
  // A file of thousands of broken entries should not produce an answer of thousands of details.
  throw new InputError(`The kubeconfig cannot be imported: ${reason}${suffix}`, problems.slice(0, maxDetails));
}

const maxDetails = 20;

export function refuseIfAnyProblem(problems: readonly FieldError[]): void {
  if (problems.length > 0) refuseKubeconfig(problems);
}

const maxQuotedLength = 80;

/** Entry names are the uploader's text: quoted and shortened so messages stay readable and bounded. */
export function quoted(name: string): string {
  const short = name.length > maxQuotedLength ? `${name.slice(0, maxQuotedLength - 1)}…` : name;
  return JSON.stringify(short);
}

/** `user "alice" has no …` reads as a sentence; any other reason follows a colon. */
export function joinReason(subject: string, reason: string): string {
  return reason.startsWith('has ') ? `${subject} ${reason}` : `${subject}: ${reason}`;
}

/** A list of names for a message, cut off so a kubeconfig with hundreds of contexts stays readable. */
export function quotedList(names: readonly string[], limit = 10): string {
  const shown = names.slice(0, limit).map(quoted).join(', ');
  return names.length > limit ? `${shown} and ${names.length - limit} more` : shown;
}
