import { NewPasswordSchema } from '@bokujo/shared';
import { schemaKeywords } from '@/lib/schema-keywords';

/** The server's own rule (shared schema), checked early so the form can say it before sending. */
export const minPasswordLength = schemaKeywords(NewPasswordSchema).minLength ?? 12;

export type PasswordProblem = 'tooShort' | 'containsUsername' | 'mismatch';

export interface PasswordProblems {
  newPassword?: PasswordProblem;
  confirmPassword?: PasswordProblem;
}

/** Same checks as the server (length, not the username) plus the confirmation typed twice. */
export function checkNewPassword(newPassword: string, confirmPassword: string, username: string): PasswordProblems {
  const problems: PasswordProblems = {};
  if (newPassword.length < minPasswordLength) problems.newPassword = 'tooShort';
  else if (username && newPassword.toLowerCase().includes(username.toLowerCase()))
    problems.newPassword = 'containsUsername';
  if (confirmPassword !== newPassword) problems.confirmPassword = 'mismatch';
  return problems;
}
