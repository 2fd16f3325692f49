import { describe, expect, it } from 'vitest';
import { compileLabelSelector, LabelSelectorError, parseLabelSelector } from './label-selector.ts';

function failure(text: string) {
  try {
    parseLabelSelector(text);
  } catch (error) {
    if (error instanceof LabelSelectorError) return { position: error.position, reason: error.reason };
    throw error;
  }
  throw new Error(`"${text}" parsed`);
}

describe('parseLabelSelector', () => {
  it('reads every kind of requirement', () => {
    expect(
      parseLabelSelector('app=web, tier==front,env!=dev,zone in (a, b),team notin (x),canary,!legacy,rank>2'),
    ).toEqual([
      { key: 'app', operator: '=', values: ['web'] },
      { key: 'tier', operator: '=', values: ['front'] },
      { key: 'env', operator: '!=', values: ['dev'] },
      { key: 'zone', operator: 'in', values: ['a', 'b'] },
      { key: 'team', operator: 'notin', values: ['x'] },
      { key: 'canary', operator: 'exists', values: [] },
      { key: 'legacy', operator: '!', values: [] },
      { key: 'rank', operator: '>', values: ['2'] },
    ]);
  });

  it('accepts prefixed keys, empty values and an empty selector', () => {
    expect(parseLabelSelector('app.kubernetes.io/name=web,bokujo.io/project=')).toEqual([
      { key: 'app.kubernetes.io/name', operator: '=', values: ['web'] },
      { key: 'bokujo.io/project', operator: '=', values: [''] },
    ]);
    expect(parseLabelSelector('  ')).toEqual([]);
  });

  it('names the position and the reason of bad input', () => {
    expect(failure('app=web,')).toEqual({ position: 8, reason: 'a label key is missing' });
    expect(failure('app=web tier=x')).toEqual({ position: 8, reason: 'expected "," but found "t"' });
    expect(failure('env in (a,b')).toEqual({ position: 11, reason: 'the set of values is not closed' });
    expect(failure('env in a')).toEqual({ position: 7, reason: 'expected "(" to start the set of values' });
    expect(failure('env within (a)')).toEqual({ position: 4, reason: 'unknown operator "within"' });
    expect(failure('-bad=x').reason).toMatch(/^label key "-bad" must be/);
    expect(failure('a=' + 'x'.repeat(64)).reason).toMatch(/^label value "x+" must be/);
    expect(failure('Bad.Prefix/a=b')).toMatchObject({
      position: 0,
      reason: 'label key "Bad.Prefix/a" has an invalid prefix',
    });
    expect(failure('rank>two')).toEqual({ position: 5, reason: '"two" is not an integer' });
    expect(failure('(a)')).toEqual({ position: 0, reason: 'unexpected "("' });
  });
});

describe('compileLabelSelector', () => {
  const labels = { app: 'web', tier: 'front', rank: '3' };

  it('matches as Kubernetes does', () => {
    const cases: [string, boolean][] = [
      ['app=web', true],
      ['app==db', false],
      ['app!=db', true],
      ['missing!=x', true],
      ['tier in (back,front)', true],
      ['tier notin (front)', false],
      ['missing notin (front)', true],
      ['app', true],
      ['!app', false],
      ['!missing', true],
      ['rank>2,rank<4', true],
      ['rank>3', false],
      ['app=web,tier=back', false],
      ['', true],
    ];
    for (const [selector, expected] of cases) {
      expect([selector, compileLabelSelector(selector)(labels)]).toEqual([selector, expected]);
    }
  });

  it('treats missing labels as an empty set', () => {
    expect(compileLabelSelector('!app')(undefined)).toBe(true);
    expect(compileLabelSelector('app')(undefined)).toBe(false);
  });
});
