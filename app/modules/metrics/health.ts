// A metric's health at a glance (issue 13, item 8): its newest value against its target (on,
// off, or no data) and how many of its recent points need a note (flagged off target or outside
// the natural process limits, with no annotation yet). The metric page and the board cards read
// the same rule. Pure.
import { dayString } from "./periods";
import { flagSeries } from "./xmr";

/** How many of the newest values are judged, as on the metric page. */
export const RECENT_POINTS = 12;

export type Health = { status: "on" | "off" | "none"; needNotes: number };

export function metricHealth(
  values: readonly { periodStart: Date; value: number }[],
  metric: { target: number | null; direction: "higher" | "lower" },
  annotatedPeriods: ReadonlySet<string>,
): Health {
  const recent = values.slice(-RECENT_POINTS);
  const latest = recent[recent.length - 1];
  const status: Health["status"] =
    !latest || metric.target === null ? "none" : (metric.direction === "higher" ? latest.value >= metric.target : latest.value <= metric.target) ? "on" : "off";
  const flags = flagSeries(
    recent.map((v) => v.value),
    metric,
  );
  const needNotes = recent.filter((v, i) => (flags[i]!.offTarget || flags[i]!.outsideLimits) && !annotatedPeriods.has(dayString(v.periodStart))).length;
  return { status, needNotes };
}
