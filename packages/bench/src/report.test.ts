import { describe, expect, it } from 'vitest';
import { endMarker, figure, markdownTable, replaceBetweenMarkers, startMarker, textTable } from './report.ts';

describe('figure', () => {
  it('says whether an upper or exact target is met, and nothing without a target or value', () => {
    expect(figure('proxy', 'added p50', 0.8, 'ms', { max: 1 }).met).toBe(true);
    expect(figure('proxy', 'added p99', 3.2, 'ms', { max: 3 }).met).toBe(false);
    expect(figure('watch', 'upstream watches', 2, '', { equals: 1 }).met).toBe(false);
    expect(figure('watch', 'upstream watches', Number.NaN, '', { equals: 1 }).met).toBeUndefined();
    expect(figure('list', 'server RSS', 300, 'MiB').met).toBeUndefined();
  });
});

describe('markdownTable', () => {
  it('writes one padded row per figure with target and verdict, escaping pipes', () => {
    const table = markdownTable([
      figure('proxy', 'GET one pod: added p50', 0.42, 'ms', { max: 1 }),
      figure('watch', 'a|b', 1, '', { equals: 1 }),
      figure('list', 'server RSS', 1234, 'MiB'),
    ]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(5);
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    expect(lines[0]).toMatch(/^\| scenario \| measure +\| value +\| target +\| met +\|$/);
    expect(lines[2]).toContain('| 0.42 ms');
    expect(lines[2]).toContain('| ≤ 1 ms');
    expect(lines[2]).toContain('| met');
    expect(lines[3]).toContain('a\\|b');
    expect(lines[4]).toContain('1,234 MiB');
  });

  it('marks a missed target so it stands out', () => {
    expect(textTable([figure('browser', 'heap', 170, 'MB', { max: 150 })])).toContain('NOT met');
  });
});

describe('replaceBetweenMarkers', () => {
  const readme = `# Bench\n\nIntro.\n\n${startMarker}\nold table\n${endMarker}\n\nAfter.\n`;

  it('replaces only what stands between the markers', () => {
    expect(replaceBetweenMarkers(readme, '| new |\n')).toBe(
      `# Bench\n\nIntro.\n\n${startMarker}\n\n| new |\n\n${endMarker}\n\nAfter.\n`,
    );
  });

  it('gives the same document when run twice with the same table', () => {
    const once = replaceBetweenMarkers(readme, 'table');
    expect(replaceBetweenMarkers(once, 'table')).toBe(once);
  });

  it('refuses a README without the pair, with the pair reversed, or with two start markers', () => {
    expect(() => replaceBetweenMarkers('# Bench\n', 'x')).toThrow(/exactly one/);
    expect(() => replaceBetweenMarkers(`${endMarker}\n${startMarker}\n`, 'x')).toThrow(/in that order/);
    expect(() => replaceBetweenMarkers(`${startMarker}${startMarker}${endMarker}`, 'x')).toThrow(/exactly one/);
  });
});
