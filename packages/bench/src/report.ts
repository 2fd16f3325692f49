import type { ScenarioName } from './options.ts';

/** An upper (`max`) or exact (`equals`) bound from issue 9; the harness reports, never asserts. */
export type Target = { max: number } | { equals: number };

export interface Figure {
  scenario: ScenarioName;
  /** What was measured, e.g. `LIST 1k pods added p99`. */
  measure: string;
  value: number;
  unit: string;
  target?: Target;
  /** Undefined when there is no target or no value. */
  met?: boolean;
  note?: string;
}

export function figure(
  scenario: ScenarioName,
  measure: string,
  value: number,
  unit: string,
  target?: Target,
  note?: string,
): Figure {
  const met = target === undefined || !Number.isFinite(value) ? undefined : meets(value, target);
  return {
    scenario,
    measure,
    value,
    unit,
    ...(target ? { target } : {}),
    ...(met === undefined ? {} : { met }),
    ...(note ? { note } : {}),
  };
}

export function meets(value: number, target: Target) {
  return 'max' in target ? value <= target.max : value === target.equals;
}

export function describeTarget(target: Target | undefined, unit: string) {
  if (!target) return '';
  return 'max' in target ? `≤ ${formatValue(target.max, unit)}` : `= ${formatValue(target.equals, unit)}`;
}

export function formatValue(value: number, unit: string) {
  if (!Number.isFinite(value)) return 'n/a';
  const text = Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);
  return unit ? `${text} ${unit}` : text;
}

function verdict(row: Figure) {
  if (row.met === undefined) return row.target ? 'n/a' : '';
  return row.met ? 'met' : 'NOT met';
}

/** The results as a Markdown table for the README, padded as Prettier pads it; `|` in text is escaped. */
export function markdownTable(figures: readonly Figure[]) {
  const rows = [
    ['scenario', 'measure', 'value', 'target', 'met'],
    ...figures.map((row) => [
      row.scenario,
      row.measure + (row.note ? ` (${row.note})` : ''),
      formatValue(row.value, row.unit),
      describeTarget(row.target, row.unit),
      verdict(row),
    ]),
  ].map((row) => row.map((text) => text.replaceAll('|', '\\|')));
  const widths = rows[0]!.map((_, column) => Math.max(3, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((text, column) => text.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(rows[0]!), line(widths.map((width) => '-'.repeat(width))), ...rows.slice(1).map(line)].join('\n');
}

/** The results as aligned plain text for the terminal. */
export function textTable(figures: readonly Figure[]) {
  const rows = [
    ['scenario', 'measure', 'value', 'target', 'met'],
    ...figures.map((row) => [
      row.scenario,
      row.measure,
      formatValue(row.value, row.unit),
      describeTarget(row.target, row.unit),
      verdict(row),
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((text, column) => text.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export const startMarker = '<!-- bench-results:start -->';
export const endMarker = '<!-- bench-results:end -->';

/**
 * Replaces what stands between the markers with `content`, keeping everything else; markers that
 * are missing or out of order are an error rather than a silently duplicated table.
 */
export function replaceBetweenMarkers(document: string, content: string) {
  const start = document.indexOf(startMarker);
  const end = document.indexOf(endMarker);
  if (start === -1 || end === -1 || end < start || document.indexOf(startMarker, start + 1) !== -1) {
    throw new Error(`the README needs exactly one ${startMarker} … ${endMarker} pair, in that order`);
  }
  // Blank lines around the content, as Prettier leaves Markdown.
  return `${document.slice(0, start + startMarker.length)}\n\n${content.trim()}\n\n${document.slice(end)}`;
}
