// The project table's columns: ids, labels, and which are shown when a user has not chosen.
import { z } from "zod";

export const TABLE_COLUMNS = [
  { id: "key", label: "Key", always: true },
  { id: "title", label: "Title", always: true },
  { id: "stage", label: "Stage" },
  { id: "status", label: "Status" },
  { id: "owner", label: "Owner" },
  { id: "team", label: "Team" },
  { id: "days", label: "Days in stage" },
  { id: "readiness", label: "Gate readiness" },
  { id: "debt", label: "Gate debt" },
  { id: "customer", label: "Customer" },
  { id: "updated", label: "Updated" },
] as const;

export type TableColumnId = (typeof TABLE_COLUMNS)[number]["id"];
export const COLUMNS_PREFERENCE = "projects.table.columns";
export const DEFAULT_COLUMNS: TableColumnId[] = ["key", "title", "stage", "status", "owner", "team", "days", "readiness", "debt"];

const ids = TABLE_COLUMNS.map((c) => c.id) as [TableColumnId, ...TableColumnId[]];

/** A saved or submitted choice of columns: known ids only, and key and title always shown. */
export const ColumnsSchema = z
  .array(z.enum(ids, { invalid_type_error: "Unknown column" }))
  .max(TABLE_COLUMNS.length)
  .transform((chosen) => ids.filter((id) => chosen.includes(id) || TABLE_COLUMNS.find((c) => c.id === id && "always" in c)));

export function chosenColumns(saved: unknown): TableColumnId[] {
  const parsed = ColumnsSchema.safeParse(saved);
  return parsed.success ? parsed.data : DEFAULT_COLUMNS;
}
