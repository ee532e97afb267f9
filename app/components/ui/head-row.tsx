// A table's header row: one column header per label, each `scope="col"`, with the table's cell
// padding. A label may be text or a node (a screen-reader-only name for a column of buttons).
import type { ReactNode } from "react";

export type HeadColumn = string | { label: ReactNode; className: string };

export function HeadRow({ columns, cell = "py-1 pr-3" }: { columns: readonly HeadColumn[]; cell?: string }) {
  return (
    <tr>
      {columns.map((column, i) =>
        typeof column === "string" ? (
          <th key={i} scope="col" className={cell}>
            {column}
          </th>
        ) : (
          <th key={i} scope="col" className={column.className}>
            {column.label}
          </th>
        ),
      )}
    </tr>
  );
}
