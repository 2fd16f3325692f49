import { Table, VisuallyHidden, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';

/** One column of a table, described as data: its header and how a row fills its cell. */
export interface Column<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  align?: 'right';
  /** Short values (sizes, counts, ages) stay on one line; names and images may wrap. */
  nowrap?: boolean;
  maxWidth?: number;
}

interface DataTableProps<T> {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** The ⋮ menu of a row; its column is headed for screen readers only. */
  actions?: { label: string; cell: (row: T) => ReactNode };
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth: number;
  /** Names the table for screen readers. */
  caption?: string;
  verticalSpacing?: MantineSpacing;
}

export function DataTable<T>({
  columns,
  rows,
  rowKey,
  actions,
  minWidth,
  caption,
  verticalSpacing = 'xs',
}: DataTableProps<T>) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover verticalSpacing={verticalSpacing}>
        {caption && (
          <caption>
            <VisuallyHidden>{caption}</VisuallyHidden>
          </caption>
        )}
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column.id} ta={column.align} style={{ whiteSpace: 'nowrap' }}>
                {column.header}
              </Table.Th>
            ))}
            {actions && (
              <Table.Th w={48}>
                <VisuallyHidden>{actions.label}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)}>
              {columns.map((column) => (
                <Table.Td
                  key={column.id}
                  ta={column.align}
                  maw={column.maxWidth}
                  style={{ whiteSpace: column.nowrap ? 'nowrap' : undefined, overflowWrap: 'anywhere' }}
                >
                  {column.cell(row)}
                </Table.Td>
              ))}
              {actions && <Table.Td>{actions.cell(row)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
