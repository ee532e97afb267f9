// The URL parameters of the board, the table and the CSV export: parsed here, once.
// A value out of range becomes the nearest valid one; an unknown name is a 400.
import { z } from "zod";
import { PROJECT_STATUSES, STAGES } from "~/modules/lifecycle/stages";

export const SORT_COLUMNS = ["key", "title", "stage", "status", "owner", "team", "days", "readiness", "debt", "updated"] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export const GROUP_COLUMNS = ["stage", "team", "owner"] as const;
export type GroupColumn = (typeof GROUP_COLUMNS)[number];

export const MINE = ["own", "decide", "involved"] as const;
export type Mine = (typeof MINE)[number];
export const MINE_NAMES: Record<Mine, string> = { own: "I own", decide: "I decide", involved: "I'm involved" };

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

export const clampedInt = (min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((s) => {
      const n = s === undefined || s.trim() === "" ? fallback : Math.trunc(Number(s));
      return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
    });

export const oneOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z
    .string()
    .optional()
    .transform((s) => (s === undefined || s === "" ? undefined : s))
    .refine(
      (s) => s === undefined || (values as readonly string[]).includes(s),
      (s) => ({
        message: `Unknown ${what} "${s}"; use one of ${values.join(", ")}`,
      }),
    )
    .transform((s) => s as T[number] | undefined);

export const ListParamsSchema = z.object({
  q: z
    .string()
    .optional()
    .transform((s) => s?.trim().slice(0, 200) || undefined),
  stage: oneOf(STAGES, "stage"),
  status: oneOf(PROJECT_STATUSES, "status"),
  team: z
    .string()
    .optional()
    .transform((s) => s?.trim().slice(0, 80) || undefined),
  owner: z
    .string()
    .optional()
    .transform((s) => s?.trim().slice(0, 80) || undefined),
  // Whose projects: the ones I own, the ones I decide, or any I am involved in (own, decide,
  // proposed, or hold any role on). The old "mine=1" still means involved.
  mine: z
    .string()
    .optional()
    .transform((s) => (s === "1" || s === "true" || s === "on" ? "involved" : s || undefined))
    .refine(
      (s) => s === undefined || (MINE as readonly string[]).includes(s),
      (s) => ({ message: `Unknown mine "${s}"; use one of ${MINE.join(", ")}` }),
    )
    .transform((s) => s as Mine | undefined),
  sort: oneOf(SORT_COLUMNS, "sort column").transform((s) => s ?? "key"),
  dir: oneOf(["asc", "desc"] as const, "sort direction").transform((s) => s ?? "asc"),
  group: oneOf(GROUP_COLUMNS, "grouping"),
  page: clampedInt(1, 1_000_000, 1),
  size: clampedInt(1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
});

export type ListParams = z.output<typeof ListParamsSchema>;

export type ParsedList = { ok: true; params: ListParams } | { ok: false; errors: Record<string, string> };

/** Reads the list parameters from a URL's query; unknown sort, stage, status or grouping names are errors. */
export function parseListParams(search: URLSearchParams): ParsedList {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(ListParamsSchema.shape)) {
    const value = search.get(key);
    if (value !== null) raw[key] = value;
  }
  const result = ListParamsSchema.safeParse(raw);
  if (result.success) return { ok: true, params: result.data };
  return { ok: false, errors: Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message])) };
}

/** The query string for these parameters, leaving out defaults so URLs stay short. */
export function listSearch(params: Partial<ListParams>, overrides: Partial<Record<keyof ListParams, string | number | boolean | undefined>> = {}): string {
  const merged: Record<string, unknown> = { ...params, ...overrides };
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === false || value === "") continue;
    if (key === "sort" && value === "key") continue;
    if (key === "dir" && value === "asc") continue;
    if (key === "page" && value === 1) continue;
    if (key === "size" && value === DEFAULT_PAGE_SIZE) continue;
    out.set(key, value === true ? "1" : String(value));
  }
  const s = out.toString();
  return s ? `?${s}` : "";
}
