import { MantineProvider } from '@mantine/core';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { type TableSort, type VirtualColumn, VirtualTable } from './virtual-table';

interface Item {
  id: string;
  name: string;
}

const item = (index: number, suffix = ''): Item => ({ id: `id-${index}`, name: `pod-${index}${suffix}` });

function setup({ total = 50_000, loaded = 100 }: { total?: number; loaded?: number } = {}) {
  const rows = new Map(Array.from({ length: loaded }, (_, index) => [index, item(index)]));
  const renders = vi.fn();
  const columns: VirtualColumn<Item>[] = [
    {
      id: 'name',
      header: 'Name',
      sortable: true,
      width: 240,
      cell: (row) => {
        renders(row.name);
        return row.name;
      },
    },
    { id: 'id', header: 'ID', cell: (row) => row.id },
  ];
  const onRangeChange = vi.fn();
  const onSortChange = vi.fn();
  const props = (
    sort: TableSort = { column: 'name', direction: 'ascending' },
    rowAt = (index: number) => rows.get(index),
  ) =>
    ({
      columns,
      total,
      rowAt,
      rowKey: (row: Item) => row.id,
      onRangeChange,
      sort,
      onSortChange,
      label: 'Pods',
      loadingLabel: 'Loading…',
      emptyLabel: 'No pods',
      height: 800,
      minWidth: 600,
    }) as const;
  const view = render(
    <MantineProvider>
      <VirtualTable {...props()} />
    </MantineProvider>,
  );
  const rerender = (...args: Parameters<typeof props>) =>
    view.rerender(
      <MantineProvider>
        <VirtualTable {...props(...args)} />
      </MantineProvider>,
    );
  return { rows, renders, onRangeChange, onSortChange, rerender };
}

const dataRows = () =>
  within(screen.getByRole('table', { name: 'Pods' }))
    .getAllByRole('row')
    .slice(1);

describe('virtual table', () => {
  it('is a table of the whole list to assistive technology while only the visible rows are in the page', () => {
    const { onRangeChange } = setup();
    const table = screen.getByRole('table', { name: 'Pods' });
    expect(table.getAttribute('aria-rowcount')).toBe('50001');
    const [header, ...rows] = within(table).getAllByRole('row');
    expect(header?.getAttribute('aria-rowindex')).toBe('1');
    // 800 px of 40 px rows, the header and some overscan: a few dozen rows, not 50,000.
    expect(rows.length).toBeGreaterThan(15);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]?.getAttribute('aria-rowindex')).toBe('2');
    expect(within(rows[0] as HTMLElement).getByRole('cell', { name: 'pod-0' })).toBeDefined();
    expect(onRangeChange).toHaveBeenLastCalledWith(0, rows.length - 1);
  });

  it('shows placeholder rows where the data has not arrived and reports the new range on scroll', () => {
    const { onRangeChange } = setup();
    const scroller = screen.getByRole('table', { name: 'Pods' }).parentElement as HTMLElement;
    act(() => {
      scroller.scrollTop = 40 * 20_000;
      fireEvent.scroll(scroller);
    });
    const rows = dataRows();
    const first = Number(rows[0]?.getAttribute('aria-rowindex'));
    expect(first).toBeGreaterThan(19_900);
    expect(first).toBeLessThan(20_001);
    const [start, end] = onRangeChange.mock.lastCall as [number, number];
    expect(start).toBe(first - 2);
    expect(end).toBe(start + rows.length - 1);
    // Nothing past 100 was loaded: every row is a placeholder and the table says it is busy.
    expect(within(rows[0] as HTMLElement).getByText('Loading…')).toBeDefined();
    expect(screen.getByRole('table', { name: 'Pods' }).getAttribute('aria-busy')).toBe('true');
  });

  it('says how each column is sorted and asks for the other direction on click', () => {
    const { onSortChange, rerender } = setup();
    const name = screen.getByRole('columnheader', { name: /Name/ });
    expect(name.getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getByRole('columnheader', { name: 'ID' }).getAttribute('aria-sort')).toBeNull();
    fireEvent.click(within(name).getByRole('button'));
    expect(onSortChange).toHaveBeenCalledWith({ column: 'name', direction: 'descending' });
    rerender({ column: 'name', direction: 'descending' });
    expect(screen.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe('descending');
  });

  it('re-renders only the row whose data changed', () => {
    const { rows, renders, rerender } = setup();
    renders.mockClear();
    const changed = new Map(rows);
    changed.set(3, item(3, '-restarted'));
    rerender(undefined, (index) => changed.get(index));
    expect(renders.mock.calls).toEqual([['pod-3-restarted']]);
    expect(screen.getByRole('cell', { name: 'pod-3-restarted' })).toBeDefined();
  });

  it('says so when the list is empty', () => {
    setup({ total: 0, loaded: 0 });
    expect(screen.getByRole('table', { name: 'Pods' }).getAttribute('aria-rowcount')).toBe('1');
    expect(screen.getByRole('cell', { name: 'No pods' })).toBeDefined();
  });
});
