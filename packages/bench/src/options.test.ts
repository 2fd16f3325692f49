import { describe, expect, it } from 'vitest';
import { parseOptions } from './options.ts';

describe('parseOptions', () => {
  it('defaults to every scenario at the sizes of issue 9', () => {
    const options = parseOptions([]);
    expect(options).toMatchObject({
      only: ['proxy', 'list', 'watch', 'browser', 'clusters'],
      pods: 50_000,
      namespaces: 500,
      nodes: 100,
      subscribers: 1000,
      clusters: 100,
      quick: false,
    });
  });

  it('lets explicit sizes override --quick and keeps scenarios in their running order', () => {
    const options = parseOptions(['--quick', '--pods', '3000', '--only', 'clusters,proxy']);
    expect(options).toMatchObject({ quick: true, pods: 3000, subscribers: 50, only: ['proxy', 'clusters'] });
  });

  it('refuses unknown scenarios, bad numbers and impossible spreads with the option named', () => {
    expect(() => parseOptions(['--only', 'proxy,nope'])).toThrow(/--only .*unknown: nope/);
    expect(() => parseOptions(['--pods', '12k'])).toThrow(/--pods must be a whole number/);
    expect(() => parseOptions(['--clusters', '0'])).toThrow(/--clusters must be a whole number ≥ 1/);
    expect(() => parseOptions(['--pods', '10', '--namespaces', '20'])).toThrow(/--namespaces \(20\)/);
    expect(() => parseOptions(['--bogus'])).toThrow(/bogus/);
  });

  it('answers help for --help', () => {
    expect(parseOptions(['--help'])).toBe('help');
  });
});
