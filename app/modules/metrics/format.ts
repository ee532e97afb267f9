// How a metric's value reads: rates (shares of 1) as percentages, anything else with its unit.
export type MetricShape = { unit: string; isRate: boolean };

export function formatMetricValue(value: number, metric: MetricShape): string {
  if (metric.isRate) return `${(value * 100).toLocaleString("en", { maximumFractionDigits: 1 })}%`;
  const number = value.toLocaleString("en", { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 });
  return metric.unit && metric.unit !== "count" ? `${number} ${metric.unit}` : number;
}

/** Whether a value meets its target in the metric's direction; null without a target. */
export function meetsTarget(value: number, target: number | null, direction: "higher" | "lower"): boolean | null {
  if (target === null) return null;
  return direction === "higher" ? value >= target : value <= target;
}
