// A generic table over TanStack Table for server-sorted, server-paged data: the URL holds the
// state, so headers and pager are plain links and the table works before JavaScript loads.
import { Link } from "@remix-run/react";
import {
  flexRender,
  getCoreRowModel,
  getExpandedRowModel,
  getGroupedRowModel,
  useReactTable,
  type ColumnDef,
  type VisibilityState,
} from "@tanstack/react-table";

export type SortState = { column: string; dir: "asc" | "desc" };

export type ColumnMeta = {
  /** The server's sort name for this column, when it can be sorted. */
  sort?: string;
  align?: "left" | "right";
};

type Props<Row> = {
  caption: string;
  data: Row[];
  columns: ColumnDef<Row, unknown>[];
  sort: SortState;
  /** The URL (query string) that sorts by `column` in `dir`. */
  sortHref: (column: string, dir: "asc" | "desc") => string;
  visibility?: VisibilityState;
  /** A column id to group the page's rows by (the server sorts by it first). */
  groupBy?: string;
  rowKey: (row: Row) => string;
  empty: React.ReactNode;
};

export function DataTable<Row>({ caption, data, columns, sort, sortHref, visibility, groupBy, rowKey, empty }: Props<Row>) {
  const table = useReactTable({
    data,
    columns,
    state: { columnVisibility: visibility ?? {}, grouping: groupBy ? [groupBy] : [], expanded: true },
    getRowId: rowKey,
    getCoreRowModel: getCoreRowModel(),
    getGroupedRowModel: getGroupedRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
    manualSorting: true,
    manualPagination: true,
    groupedColumnMode: false,
  });
  const visibleCount = table.getVisibleLeafColumns().length;
  return (
    // relative: the sr-only labels in its cells are positioned, and must scroll with it, not widen the page.
    <div className="relative min-w-0 max-w-full overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const meta = header.column.columnDef.meta as ColumnMeta | undefined;
                const label = flexRender(header.column.columnDef.header, header.getContext());
                const active = meta?.sort !== undefined && meta.sort === sort.column;
                const ariaSort = active ? (sort.dir === "asc" ? "ascending" : "descending") : undefined;
                return (
                  <th key={header.id} scope="col" aria-sort={ariaSort} className={`px-3 py-2 font-semibold ${meta?.align === "right" ? "text-right" : ""}`}>
                    {meta?.sort ? (
                      <Link to={sortHref(meta.sort, active && sort.dir === "asc" ? "desc" : "asc")} className="inline-flex items-center gap-1 hover:text-brand">
                        {label}
                        <span aria-hidden="true" className="text-xs text-slate-500">
                          {active ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}
                        </span>
                        {active ? <span className="sr-only">(sorted {sort.dir === "asc" ? "ascending" : "descending"})</span> : null}
                      </Link>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.getRowModel().rows.length === 0 ? (
            <tr>
              <td colSpan={visibleCount} className="px-3 py-8 text-center text-slate-600">
                {empty}
              </td>
            </tr>
          ) : (
            table.getRowModel().rows.map((row) =>
              row.getIsGrouped() ? (
                <tr key={row.id} className="bg-slate-100">
                  <th colSpan={visibleCount} scope="colgroup" className="px-3 py-1.5 text-left font-semibold">
                    {String(row.groupingValue ?? "None")} <span className="font-normal text-slate-600">({row.subRows.length} on this page)</span>
                  </th>
                </tr>
              ) : (
                <tr key={row.id} className="hover:bg-slate-50">
                  {row.getVisibleCells().map((cell) => {
                    const meta = cell.column.columnDef.meta as ColumnMeta | undefined;
                    return (
                      <td key={cell.id} className={`px-3 py-2 align-top ${meta?.align === "right" ? "text-right tabular-nums" : ""}`}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    );
                  })}
                </tr>
              ),
            )
          )}
        </tbody>
      </table>
    </div>
  );
}

export function Pager({ page, pages, total, href, noun }: { page: number; pages: number; total: number; href: (page: number) => string; noun: string }) {
  return (
    <nav aria-label="Pages" className="mt-3 flex flex-wrap items-center gap-3 text-sm">
      <span>
        Page {page} of {pages} · {total.toLocaleString("en")} {noun}
      </span>
      {page > 1 ? (
        <Link to={href(page - 1)} className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100" rel="prev">
          Previous
        </Link>
      ) : null}
      {page < pages ? (
        <Link to={href(page + 1)} className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100" rel="next">
          Next
        </Link>
      ) : null}
    </nav>
  );
}
