import { describe, expect, it } from 'vitest';
import { countMatches, keepTail, logFileName, splitMatches } from './log-search';

describe('log search', () => {
  it('marks every match, ignoring case, and keeps the text between', () => {
    const segments = splitMatches('GET /healthz 200\nget /api 404\nPOST /api 201', 'get');
    expect(segments).toEqual([
      { text: 'GET', match: true },
      { text: ' /healthz 200\n', match: false },
      { text: 'get', match: true },
      { text: ' /api 404\nPOST /api 201', match: false },
    ]);
    expect(countMatches(segments)).toBe(2);
    expect(segments.map((segment) => segment.text).join('')).toBe('GET /healthz 200\nget /api 404\nPOST /api 201');
  });

  it('returns the text unmarked without a query and nothing for no text', () => {
    expect(splitMatches('line', '')).toEqual([{ text: 'line', match: false }]);
    expect(splitMatches('', 'x')).toEqual([]);
  });

  it('does not overlap matches', () => {
    expect(countMatches(splitMatches('aaaa', 'aa'))).toBe(2);
  });
});

describe('log file name', () => {
  it('names pod, container and whether it is the previous instance', () => {
    expect(logFileName('web-1', 'nginx', false)).toBe('web-1_nginx.log');
    expect(logFileName('web-1', 'nginx', true)).toBe('web-1_nginx_previous.log');
  });
});

describe('keeping the tail of a followed log', () => {
  it('drops whole lines from the start', () => {
    expect(keepTail('one\ntwo\nthree\n', 100)).toBe('one\ntwo\nthree\n');
    expect(keepTail('one\ntwo\nthree\n', 9)).toBe('three\n');
  });
});
