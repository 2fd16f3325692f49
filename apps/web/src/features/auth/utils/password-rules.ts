import { passwordLength } from '@bokujo/shared';

/** The server's own rule, checked early so the form can say it before sending. */
export const minPasswordLength = passwordLength.min;

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
