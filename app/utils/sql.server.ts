// Reading rows of raw SQL: Prisma's raw queries return table columns typed (dates as Date,
// booleans as boolean) but computed columns as the driver gives them (counts as bigint).

/** A date column, whether the driver returned a Date or its ISO text. */
export function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

export function toDateOrNull(value: Date | string | null): Date | null {
  return value === null ? null : toDate(value);
}

/**
 * The rows of a `json_group_array(json_object(...))` column. Inside JSON, SQLite gives dates as
 * their stored text and booleans as 0 or 1: the caller converts those it reads.
 */
export function jsonRows<T>(text: unknown): T[] {
  return typeof text === "string" ? (JSON.parse(text) as T[]) : [];
}

/** Rows grouped by one column, each group in the rows' order. */
export function groupBy<T, K extends keyof T>(rows: readonly T[], key: K): Map<T[K], T[]> {
  const groups = new Map<T[K], T[]>();
  for (const row of rows) {
    const group = groups.get(row[key]);
    if (group) group.push(row);
    else groups.set(row[key], [row]);
  }
  return groups;
}

/**
 * A date as Prisma stores a DateTime in SQLite ("2026-11-16T00:00:00.000+00:00"), for values
 * that reach SQL inside a JSON parameter rather than as a bound Date. Stored dates are compared
 * as text, so the format must match exactly.
 */
export function sqliteDate(date: Date): string {
  return `${date.toISOString().slice(0, -1)}+00:00`;
}
