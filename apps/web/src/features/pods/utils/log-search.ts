/** A run of log text: either plain or a match of the search. */
export interface TextSegment {
  text: string;
  match: boolean;
}

/**
 * Splits text into plain runs and case-insensitive matches of `query`, so a page can mark the
 * matches without building HTML from log text.
 */
export function splitMatches(text: string, query: string): TextSegment[] {
  if (!query) return text ? [{ text, match: false }] : [];
  const haystack = text.toLocaleLowerCase();
  const needle = query.toLocaleLowerCase();
  // Lower-casing may change the length of a few characters (e.g. İ); search the original then.
  const comparable = haystack.length === text.length && needle.length === query.length;
  const source = comparable ? haystack : text;
  const target = comparable ? needle : query;
  const segments: TextSegment[] = [];
  let from = 0;
  for (let found = source.indexOf(target); found >= 0; found = source.indexOf(target, found + target.length)) {
    if (found > from) segments.push({ text: text.slice(from, found), match: false });
    segments.push({ text: text.slice(found, found + target.length), match: true });
    from = found + target.length;
  }
  if (from < text.length) segments.push({ text: text.slice(from), match: false });
  return segments;
}

export const countMatches = (segments: TextSegment[]) => segments.filter((segment) => segment.match).length;

/** `web-7d9c-abcde_nginx.log`, `…_nginx_previous.log`: what the download is called. */
export function logFileName(pod: string, container: string, previous: boolean) {
  return `${pod}_${container}${previous ? '_previous' : ''}.log`;
}

/**
 * Keeps a followed log from growing without bound: beyond `maxChars`, whole lines are dropped
 * from the start so the newest output stays.
 */
export function keepTail(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.indexOf('\n', text.length - maxChars);
  return cut < 0 ? text.slice(text.length - maxChars) : text.slice(cut + 1);
}
