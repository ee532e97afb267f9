// The weekly-business-review "6-12" view of a metric, computed on the server from its values:
// the trailing 6 complete weeks and the trailing 12 months, each with last year's value, and
// the box totals under the chart. Pure; dates are UTC days.
//
// Conventions (README, decision 21):
// - A week runs Monday to Sunday. "Last week" is the last complete week before `asOf`.
// - Last year means 364 days earlier (52 weeks), so weekdays line up; for a month it is the
//   same calendar month a year before.
// - A value belongs to the period its periodStart falls in (a weekly value to the month of
//   its Monday).
// - Values of a period are summed ("sum": counts, money) or averaged ("mean": rates, times).
// - Changes of rates (shares of 1) are in basis points, of anything else in percent.

export type Aggregate = "sum" | "mean";
export type Point = { periodStart: Date; value: number };
export type SeriesMetric = { aggregate: Aggregate; isRate: boolean };

const DAY = 86_400_000;

export function utcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY);
const iso = (d: Date) => d.toISOString().slice(0, 10);
export function mondayOf(date: Date): Date {
  const d = utcDay(date);
  return addDays(d, -((d.getUTCDay() + 6) % 7));
}
const monthStart = (y: number, m: number) => new Date(Date.UTC(y, m, 1));

function aggregate(values: number[], how: Aggregate): number | null {
  if (values.length === 0) return null;
  const sum = values.reduce((s, v) => s + v, 0);
  return how === "sum" ? sum : sum / values.length;
}

/** The metric's aggregate over [from, to): null when no value falls in it. */
export function rangeValue(points: readonly Point[], metric: SeriesMetric, from: Date, to: Date): number | null {
  const a = from.getTime();
  const b = to.getTime();
  return aggregate(
    points.filter((p) => p.periodStart.getTime() >= a && p.periodStart.getTime() < b).map((p) => p.value),
    metric.aggregate,
  );
}

export type Change = { unit: "bps" | "percent"; value: number } | null;

/** How `current` moved from `before`: basis points for rates, percent otherwise (null without both, or from zero). */
export function change(current: number | null, before: number | null, isRate: boolean): Change {
  if (current === null || before === null) return null;
  if (isRate) return { unit: "bps", value: Math.round((current - before) * 10_000) };
  if (before === 0) return null;
  return { unit: "percent", value: ((current - before) / Math.abs(before)) * 100 };
}

export type SeriesPoint = { start: string; label: string; value: number | null; lastYear: number | null };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** How far back the 6-12 view and its totals read: the 12 months, last year's 12 months, and weeks 364 days back. */
export function sixTwelveSince(asOf: Date): Date {
  return new Date(asOf.getTime() - (2 * 366 + 7) * 86_400_000);
}

export function sixTwelve(points: readonly Point[], metric: SeriesMetric, asOf: Date) {
  const thisWeek = mondayOf(asOf);
  const weeks: SeriesPoint[] = [];
  for (let i = 6; i >= 1; i--) {
    const start = addDays(thisWeek, -7 * i);
    weeks.push({
      start: iso(start),
      label: `${start.getUTCDate()} ${MONTHS[start.getUTCMonth()]}`,
      value: rangeValue(points, metric, start, addDays(start, 7)),
      lastYear: rangeValue(points, metric, addDays(start, -364), addDays(start, -357)),
    });
  }
  // The 12 months end with the month of last week's Sunday (that month may still be running).
  const lastDay = addDays(thisWeek, -1);
  const months: SeriesPoint[] = [];
  for (let i = 11; i >= 0; i--) {
    const y = lastDay.getUTCFullYear();
    const m = lastDay.getUTCMonth() - i;
    const start = monthStart(y, m);
    months.push({
      start: iso(start),
      label: `${MONTHS[start.getUTCMonth()]} ${String(start.getUTCFullYear()).slice(2)}`,
      value: rangeValue(points, metric, start, monthStart(y, m + 1)),
      lastYear: rangeValue(points, metric, monthStart(y - 1, m), monthStart(y - 1, m + 1)),
    });
  }
  return { weeks, months };
}

export type Total = { value: number | null; lastYear: number | null; yoy: Change };

/** The box under the chart: last week (with week over week), month, quarter and year to date, each against last year. */
export function boxTotals(points: readonly Point[], metric: SeriesMetric, asOf: Date) {
  const end = mondayOf(asOf); // exclusive: to date means through last week's Sunday
  const lastWeekStart = addDays(end, -7);
  const lastDay = addDays(end, -1);
  const y = lastDay.getUTCFullYear();
  const m = lastDay.getUTCMonth();
  const starts = { month: monthStart(y, m), quarter: monthStart(y, m - (m % 3)), year: monthStart(y, 0) };
  const total = (from: Date, to: Date): Total => {
    const value = rangeValue(points, metric, from, to);
    const lastYear = rangeValue(points, metric, addDays(from, -364), addDays(to, -364));
    return { value, lastYear, yoy: change(value, lastYear, metric.isRate) };
  };
  const week = total(lastWeekStart, end);
  const weekBefore = rangeValue(points, metric, addDays(lastWeekStart, -7), lastWeekStart);
  return {
    through: iso(lastDay),
    lastWeek: { ...week, weekBefore, wow: change(week.value, weekBefore, metric.isRate) },
    monthToDate: total(starts.month, end),
    quarterToDate: total(starts.quarter, end),
    yearToDate: total(starts.year, end),
  };
}
