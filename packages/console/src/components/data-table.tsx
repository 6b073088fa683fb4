import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { QueryView } from './ui.js';

export type Column<T> = {
  header: string;
  cell: (row: T) => ReactNode;
  /** For screen readers only, like the header of a column of buttons. */
  hideHeader?: boolean;
  className?: string;
};

export type DataTableProps<T> = {
  /** Names the table; read by screen readers, and shown with `showCaption`. */
  caption: ReactNode;
  showCaption?: boolean;
  rows: readonly T[];
  rowKey: (row: T) => string;
  columns: ReadonlyArray<Column<T> | false>;
};

/** A table of rows, one column definition per column: the console's lists look alike. */
export function DataTable<T>(props: DataTableProps<T>) {
  const columns = props.columns.filter((c): c is Column<T> => c !== false);
  return (
    <table>
      <caption className={props.showCaption ? undefined : 'sr-only'}>{props.caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.header} scope="col">
              {c.hideHeader ? <span className="sr-only">{c.header}</span> : c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={props.rowKey(row)}>
            {columns.map((c) => (
              <td key={c.header} className={c.className}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A list answer (`{ data: [...] }`) as a table, with its loading, error and empty states. */
export function QueryTable<T>(
  props: Omit<DataTableProps<T>, 'rows'> & {
    query: UseQueryResult<{ data: T[] }>;
    empty: ReactNode;
  },
) {
  const { query, empty, ...table } = props;
  return (
    <QueryView query={query} isEmpty={(list) => list.data.length === 0} empty={empty}>
      {(list) => <DataTable rows={list.data} {...table} />}
    </QueryView>
  );
}
