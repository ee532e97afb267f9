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
export type Cadence = "daily" | "weekly" | "monthly";
export type Point = { periodStart: Date; value: number };
/** How a metric's values combine; with its target and cadence, each period of the view gets the target it is held to. */
export type SeriesMetric = { aggregate: Aggregate; isRate: boolean; target?: number | null; cadence?: Cadence };

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

export type SeriesPoint = { start: string; label: string; value: number | null; lastYear: number | null; target: number | null };

/** How many of the metric's own periods start in [from, to): days for a daily metric, Mondays for a weekly one. */
function periodsStarting(cadence: "daily" | "weekly", from: Date, to: Date): number {
  const days = Math.round((to.getTime() - from.getTime()) / DAY);
  if (cadence === "daily") return Math.max(0, days);
  let n = 0;
  for (let t = mondayOf(addDays(from, 6)); t.getTime() < to.getTime(); t = addDays(t, 7)) n++;
  return n;
}

/**
 * The target one period of the view is held to, for the values that fall in [from, to). A target is
 * set for one period of the metric's cadence. A mean is held to it as it is. A metric whose values
 * add up is held to it once for every period of its own that starts in the range, since those are
 * the values the sum adds (a weekly target of 500 is 2,000 or 2,500 over a month, by its Mondays);
 * a monthly target has no honest share of a week, so weeks then have none.
 */
export function periodTarget(metric: SeriesMetric, period: "week" | "month", from: Date, to: Date): number | null {
  const { target, cadence } = metric;
  if (target === null || target === undefined || cadence === undefined) return null;
  if (metric.aggregate === "mean") return target;
  if (cadence === "monthly") return period === "month" ? target : null;
  return target * periodsStarting(cadence, from, to);
}

/** Three-letter month names, fixed width for chart axes (Intl's en-GB writes "Sept"). */
export const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

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
      target: periodTarget(metric, "week", start, addDays(start, 7)),
    });
  }
  // The 12 months end with the month of last week's Sunday (that month may still be running, and
  // then counts to that Sunday).
  const lastDay = addDays(thisWeek, -1);
  const months: SeriesPoint[] = [];
  for (let i = 11; i >= 0; i--) {
    const y = lastDay.getUTCFullYear();
    const m = lastDay.getUTCMonth() - i;
    const start = monthStart(y, m);
    // The running month counts to date, through last week's Sunday, like the box's month to date,
    // and is held to what its periods so far should add up to.
    const end = Math.min(monthStart(y, m + 1).getTime(), thisWeek.getTime());
    const to = new Date(end);
    months.push({
      start: iso(start),
      // The year in full: a month never reads like a day ("Dec 2025", not "Dec 25").
      label: `${MONTHS[start.getUTCMonth()]} ${start.getUTCFullYear()}`,
      value: rangeValue(points, metric, start, to),
      lastYear: rangeValue(points, metric, monthStart(y - 1, m), monthStart(y - 1, m + 1)),
      target: periodTarget(metric, "month", start, to),
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
