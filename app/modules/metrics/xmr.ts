// XmR (individuals and moving range) natural process limits, and the flags a point earns:
// off target, or outside the limits. Pure.

export type XmrLimits = { mean: number; averageMovingRange: number; upper: number; lower: number };

/** Mean ± 2.66 × the average moving range of consecutive values; null with fewer than two values. */
export function xmrLimits(values: readonly number[]): XmrLimits | null {
  if (values.length < 2) return null;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  let ranges = 0;
  for (let i = 1; i < values.length; i++) ranges += Math.abs(values[i]! - values[i - 1]!);
  const averageMovingRange = ranges / (values.length - 1);
  return { mean, averageMovingRange, upper: mean + 2.66 * averageMovingRange, lower: mean - 2.66 * averageMovingRange };
}

export type PointFlags = { offTarget: boolean; outsideLimits: boolean };

export function pointFlags(value: number, metric: { target: number | null; direction: "higher" | "lower" }, limits: XmrLimits | null): PointFlags {
  const offTarget = metric.target !== null && (metric.direction === "higher" ? value < metric.target : value > metric.target);
  // A tolerance for floating-point sums: a steady series (0.95 every week) has a mean a hair off
  // its values, and its zero-width limits must not flag every point (found by the board's health test).
  const eps = limits === null ? 0 : 1e-9 * Math.max(1, Math.abs(limits.mean));
  const outsideLimits = limits !== null && (value - limits.upper > eps || limits.lower - value > eps);
  return { offTarget, outsideLimits };
}

/** Flags of each point of a series, the limits computed from the whole series. */
export function flagSeries(values: readonly number[], metric: { target: number | null; direction: "higher" | "lower" }): PointFlags[] {
  const limits = xmrLimits(values);
  return values.map((v) => pointFlags(v, metric, limits));
}
