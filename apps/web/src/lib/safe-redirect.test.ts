import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-redirect';

const origin = 'https://bokujo.example.com';

describe('safeNextPath', () => {
  it.each([
    ['/clusters', '/clusters'],
    ['/c/c-1a2b?tab=nodes#events', '/c/c-1a2b?tab=nodes#events'],
    ['/clusters/../c/x', '/c/x'],
  ])('keeps the same-origin path %s', (next, expected) => {
    expect(safeNextPath(next, origin)).toBe(expected);
  });

  it.each([
    'https://evil.example/steal',
    '//evil.example/steal',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    'clusters',
    '/\t/evil.example',
    '',
    null,
    undefined,
  ])('refuses %s', (next) => {
    expect(safeNextPath(next, origin)).toBeUndefined();
  });
});
