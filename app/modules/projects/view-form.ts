// Saved views of the project table (issue 27, item 4): a name and the table's own query. The
// columns travel in the query too (cols=), so a view's link shows the same table to anyone.
import { z } from "zod";
import { ColumnsSchema, type TableColumnId } from "./table-columns";

export const MAX_VIEWS = 50;

export const SaveViewSchema = z.object({
  intent: z.literal("save_view"),
  name: z.string({ required_error: "Name the view" }).trim().min(1, "Name the view").max(60, "Keep the name under 60 characters"),
  search: z
    .string()
    .max(1000, "This view's filter is too long to save")
    .regex(/^(\?[^#]*)?$/, "This view's filter is not one the table makes")
    .default(""),
});

export const DeleteViewSchema = z.object({ intent: z.literal("delete_view"), viewId: z.string().min(1).max(40) });

/** The columns a query names (cols=key,title,...), or null when it names none or any unknown. */
export function columnsOfQuery(search: URLSearchParams): TableColumnId[] | null {
  const cols = search.get("cols");
  if (!cols) return null;
  const parsed = ColumnsSchema.safeParse(cols.split(","));
  return parsed.success ? parsed.data : null;
}
