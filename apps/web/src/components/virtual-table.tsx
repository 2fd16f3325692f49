import { Box, Skeleton, Table, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, type ReactNode, useEffect, useRef } from 'react';
import type { Column } from './data-table';

/** A column of a virtual table: fixed width (rows must not reflow while scrolling), maybe sortable. */
export interface VirtualColumn<T> extends Column<T> {
  /** CSS width; columns without one share what is left. */
  width?: number | string;
  /** Clicking the header asks for this sort. */
  sortable?: boolean;
}

export type SortDirection = 'ascending' | 'descending';

export interface TableSort {
  column: string;
  direction: SortDirection;
}

interface VirtualTableProps<T> {
  columns: VirtualColumn<T>[];
  /** How many rows the whole list has, loaded or not. */
  total: number;
  /** The row at a position, or undefined while it loads (a placeholder shows meanwhile). */
  rowAt: (index: number) => T | undefined;
  rowKey: (row: T) => string;
  /** Called with the first and last row index on screen (overscan included) whenever they change. */
  onRangeChange?: (start: number, end: number) => void;
  sort?: TableSort;
  onSortChange?: (sort: TableSort) => void;
  /** Names the table for assistive technology. */
  label: string;
  /** Read out for a row whose data is still on its way. */
  loadingLabel: string;
  /** Shown in place of rows when the list is empty. */
  emptyLabel: ReactNode;
  /** CSS height of the scrolling area. */
  height: number | string;
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth: number;
  rowHeight?: number;
  /** When this changes the table scrolls back to the top (a new filter is a new list). */
  resetScrollKey?: string;
}

/**
 * A table of any length that renders only the rows on screen. It stays a real table to assistive
 * technology: `aria-rowcount` is the whole list and each row says its `aria-rowindex`, so a screen
 * reader announces "row 4,812 of 50,000" however few rows are in the document.
 */
export function VirtualTable<T>({
  columns,
  total,
  rowAt,
  rowKey,
  onRangeChange,
  sort,
  onSortChange,
  label,
  loadingLabel,
  emptyLabel,
  height,
  minWidth,
  rowHeight = 40,
  resetScrollKey,
}: VirtualTableProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // No React Compiler runs here; the virtualizer is read fresh in each render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    // The header row sits above the first row inside the scrolling area.
    paddingStart: rowHeight,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index;
  const lastIndex = items.at(-1)?.index;

  useEffect(() => {
    if (firstIndex !== undefined && lastIndex !== undefined) onRangeChange?.(firstIndex, lastIndex);
  }, [firstIndex, lastIndex, onRangeChange]);

  useEffect(() => {
    const scroller = scrollRef.current;
    if (scroller) scroller.scrollTop = 0;
  }, [resetScrollKey]);

  const top = items[0] ? items[0].start - rowHeight : 0;
  const bottom = items.at(-1) ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;
  const busy = items.some((item) => rowAt(item.index) === undefined);

  return (
    // `position: relative` makes the box the containing block of the visually hidden (absolutely
    // placed) labels deep in the rows; otherwise they escape the box and stretch the whole page.
    <Box ref={scrollRef} style={{ height, overflow: 'auto', position: 'relative' }} tabIndex={-1}>
      <Table
        stickyHeader
        highlightOnHover
        layout="fixed"
        miw={minWidth}
        aria-rowcount={total + 1}
        aria-busy={busy || undefined}
      >
        <caption>
          <VisuallyHidden>{label}</VisuallyHidden>
        </caption>
        <Table.Thead style={{ zIndex: 1 }}>
          <Table.Tr aria-rowindex={1} style={{ height: rowHeight }}>
            {columns.map((column) => (
              <HeaderCell key={column.id} column={column} sort={sort} onSortChange={onSortChange} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {top > 0 && <Spacer height={top} columns={columns.length} />}
          {items.map((item) => {
            const row = rowAt(item.index);
            return row === undefined ? (
              <PlaceholderRow
                key={`placeholder-${item.index}`}
                index={item.index}
                columns={columns.length}
                height={rowHeight}
                loadingLabel={loadingLabel}
              />
            ) : (
              <VirtualRow key={rowKey(row)} row={row} index={item.index} columns={columns} height={rowHeight} />
            );
          })}
          {bottom > 0 && <Spacer height={bottom} columns={columns.length} />}
          {total === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns.length} ta="center" c="dimmed" py="xl">
                {emptyLabel}
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Box>
  );
}

function HeaderCell<T>({
  column,
  sort,
  onSortChange,
}: {
  column: VirtualColumn<T>;
  sort: TableSort | undefined;
  onSortChange: ((sort: TableSort) => void) | undefined;
}) {
  const direction = sort?.column === column.id ? sort.direction : undefined;
  const sortable = column.sortable && onSortChange;
  return (
    <Table.Th
      w={column.width}
      ta={column.align}
      aria-sort={sortable ? (direction ?? 'none') : undefined}
      style={{ whiteSpace: 'nowrap' }}
    >
      {sortable ? (
        <UnstyledButton
          fw={700}
          fz="sm"
          onClick={() =>
            onSortChange({ column: column.id, direction: direction === 'ascending' ? 'descending' : 'ascending' })
          }
        >
          {column.header}
          <Box component="span" aria-hidden ml={4} c={direction ? undefined : 'dimmed'}>
            {direction === 'descending' ? '▼' : direction === 'ascending' ? '▲' : '↕'}
          </Box>
        </UnstyledButton>
      ) : (
        column.header
      )}
    </Table.Th>
  );
}

interface VirtualRowProps<T> {
  row: T;
  index: number;
  columns: VirtualColumn<T>[];
  height: number;
}

/** Re-renders only when its own row object (or position) changes, not when the list around it does. */
const VirtualRow = memo(function VirtualRow<T>({ row, index, columns, height }: VirtualRowProps<T>) {
  return (
    <Table.Tr aria-rowindex={index + 2} style={{ height }}>
      {columns.map((column) => (
        <Table.Td
          key={column.id}
          ta={column.align}
          style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
        >
          {column.cell(row)}
        </Table.Td>
      ))}
    </Table.Tr>
  );
}) as <T>(props: VirtualRowProps<T>) => ReactNode;

const PlaceholderRow = memo(function PlaceholderRow({
  index,
  columns,
  height,
  loadingLabel,
}: {
  index: number;
  columns: number;
  height: number;
  loadingLabel: string;
}) {
  return (
    <Table.Tr aria-rowindex={index + 2} style={{ height }}>
      {Array.from({ length: columns }, (_, column) => (
        <Table.Td key={column}>
          {column === 0 && <VisuallyHidden>{loadingLabel}</VisuallyHidden>}
          <Skeleton height={10} radius="xl" width={column === 1 ? '80%' : '60%'} aria-hidden />
        </Table.Td>
      ))}
    </Table.Tr>
  );
});

/** Holds the place of the rows not rendered, so the scrollbar reflects the whole list. */
function Spacer({ height, columns }: { height: number; columns: number }) {
  return (
    <tr aria-hidden style={{ height }}>
      <td colSpan={columns} style={{ padding: 0, border: 0 }} />
    </tr>
  );
}
