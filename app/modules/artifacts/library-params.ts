// URL parameters of the artifact library (/artifacts), parsed like the project table's:
// unknown names are a 400, page and size move to the nearest valid value.
import { z } from "zod";
import { ARTIFACT_KINDS, ARTIFACT_STATES, STAGES } from "~/modules/lifecycle/stages";
import { clampedInt, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, oneOf } from "~/modules/projects/list-params";

export const LIBRARY_SORTS = ["updated", "title", "kind", "state"] as const;

const text = (max: number) =>
  z
    .string()
    .optional()
    .transform((s) => s?.trim().slice(0, max) || undefined);

export const LibraryParamsSchema = z.object({
  q: text(200),
  kind: oneOf(ARTIFACT_KINDS, "kind"),
  state: oneOf(ARTIFACT_STATES, "state"),
  stage: oneOf(STAGES, "stage"),
  author: text(40),
  team: text(80),
  review: oneOf(["me"] as const, "review queue"),
  sort: oneOf(LIBRARY_SORTS, "sort column").transform((s) => s ?? "updated"),
  dir: oneOf(["asc", "desc"] as const, "sort direction").transform((s) => s ?? "desc"),
  page: clampedInt(1, 1_000_000, 1),
  size: clampedInt(1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
});

export type LibraryParams = z.output<typeof LibraryParamsSchema>;

export function parseLibraryParams(search: URLSearchParams): { ok: true; params: LibraryParams } | { ok: false; message: string } {
  const raw = Object.fromEntries(Object.keys(LibraryParamsSchema.shape).flatMap((k) => (search.get(k) === null ? [] : [[k, search.get(k)!]])));
  const result = LibraryParamsSchema.safeParse(raw);
  return result.success
    ? { ok: true, params: result.data }
    : { ok: false, message: result.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join(". ") };
}

/** The query string of these parameters without the defaults. */
export function librarySearch(params: Partial<LibraryParams>, overrides: Partial<Record<keyof LibraryParams, string | number | undefined>> = {}): string {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...params, ...overrides })) {
    if (value === undefined || value === "") continue;
    if (
      (key === "sort" && value === "updated") ||
      (key === "dir" && value === "desc") ||
      (key === "page" && value === 1) ||
      (key === "size" && value === DEFAULT_PAGE_SIZE)
    )
      continue;
    out.set(key, String(value));
  }
  const s = out.toString();
  return s ? `?${s}` : "";
}
