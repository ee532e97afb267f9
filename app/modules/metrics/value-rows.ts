// Checks rows of metric values however they arrive (the grid, a CSV file, the API): every
// problem is named by its row and field, and a set with any problem is refused whole. Pure.
import { CADENCE_PERIOD, dayString, isPeriodStart, parseDay, periodStartOf, type Cadence } from "./periods";

const CADENCE_NAME: Record<Cadence, string> = { daily: "day", weekly: "week", monthly: "month" };

/** The columns of a CSV of values, in any order. */
export const CSV_HEADERS = ["metric", "period", "value"] as const;

export type MetricRef = { id: string; name: string; cadence: Cadence; retired: boolean; isRate: boolean; allowsNegative: boolean };
export type RawValueRow = { row: number; metric: string; period: unknown; value: unknown };
export type ValueRow = { metricId: string; periodStart: Date; value: number | null };
export type RowProblem = { row: number; field: "metric" | "period" | "value"; message: string };

/** A number as typed by a person or a program: "1,234.5", 0.95 — not "", "abc", NaN or Infinity. */
export function readNumber(value: unknown): number | null | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  const s = value.trim().replace(/,(?=\d{3}(\D|$))/g, "");
  if (s === "") return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Checks every row and reports every problem of every row, by row and field: the metric (known,
 * not retired), the period (a real date that starts one of the metric's periods, not beyond the
 * current one), the value (a number; a rate between 0 and 1; not negative unless the metric allows
 * it) and no period twice. `now` is today, for "beyond the current period".
 */
export function checkValueRows(
  rows: readonly RawValueRow[],
  metrics: readonly MetricRef[],
  options: { allowEmpty: boolean; now: Date },
): { ok: true; rows: ValueRow[] } | { ok: false; problems: RowProblem[] } {
  const byId = new Map(metrics.map((m) => [m.id, m]));
  const byName = new Map(metrics.map((m) => [m.name.trim().toLowerCase(), m]));
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  const out: ValueRow[] = [];
  for (const r of rows) {
    const metric = byId.get(r.metric.trim()) ?? byName.get(r.metric.trim().toLowerCase());
    if (!metric) problems.push({ row: r.row, field: "metric", message: `Unknown metric "${r.metric}"` });
    else if (metric.retired) problems.push({ row: r.row, field: "metric", message: `"${metric.name}" is retired; it takes no new values` });

    const period = typeof r.period === "string" ? parseDay(r.period) : null;
    if (!period) {
      problems.push({ row: r.row, field: "period", message: `"${String(r.period ?? "")}" is not a date like 2026-11-16` });
    } else if (metric && !isPeriodStart(metric.cadence, period)) {
      problems.push({ row: r.row, field: "period", message: `${dayString(period)} does not start a ${CADENCE_PERIOD[metric.cadence]} for "${metric.name}"` });
    } else if (metric && period.getTime() > periodStartOf(metric.cadence, options.now).getTime()) {
      problems.push({
        row: r.row,
        field: "period",
        message: `${dayString(period)} is in the future: the current ${CADENCE_NAME[metric.cadence]} of "${metric.name}" starts ${dayString(periodStartOf(metric.cadence, options.now))}`,
      });
    }

    const value = readNumber(r.value);
    if (value === undefined || (value === null && !options.allowEmpty)) {
      problems.push({ row: r.row, field: "value", message: `"${String(r.value ?? "")}" is not a number` });
    } else if (value !== null && metric?.isRate && (value < 0 || value > 1)) {
      problems.push({ row: r.row, field: "value", message: `${value} is not a share of 1: "${metric.name}" is a rate, so 95% is 0.95` });
    } else if (value !== null && metric && !metric.isRate && !metric.allowsNegative && value < 0) {
      problems.push({ row: r.row, field: "value", message: `${value} is negative, and "${metric.name}" takes no negative values` });
    }

    if (period && metric) {
      const key = `${metric.id}|${period.getTime()}`;
      const first = seen.get(key);
      if (first !== undefined) problems.push({ row: r.row, field: "period", message: `"${metric.name}" already has ${dayString(period)} on row ${first}` });
      else seen.set(key, r.row);
    }
    if (period && metric && value !== undefined) out.push({ metricId: metric.id, periodStart: period, value });
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows: out };
}
