/**
 * The page to return to after login, taken from `?next=`. Only a path on this origin is
 * accepted: `//evil.example`, `https://evil.example`, `/\evil.example` and `javascript:` would
 * otherwise turn the login page into an open redirect.
 */
export function safeNextPath(next: string | null | undefined, origin = window.location.origin): string | undefined {
  if (!next || next.length > 2048) return undefined;
  if (!next.startsWith('/') || next.startsWith('//') || [...next].some(isAmbiguous)) return undefined;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return undefined;
  }
  if (url.origin !== origin) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The `next` parameter for the page a person is on now. */
export const currentPath = (location: { pathname: string; search: string; hash: string }) =>
  `${location.pathname}${location.search}${location.hash}`;

/** Browsers read a backslash as a slash and drop tabs and newlines: `/\\evil` and `/\t/evil` leave. */
function isAmbiguous(character: string) {
  const code = character.charCodeAt(0);
  return character === '\\' || code < 0x20 || code === 0x7f;
}
