// What the 6-12 chart's axes show, worked out before Recharts draws them (pure, tested).
import { MONTHS } from "~/modules/metrics/six-twelve";

/**
 * The y-axis range that fits every number drawn (values, last year, targets) with a little room,
 * instead of always starting at 0: a series between 90% and 100% fills the chart rather than lying
 * flat along its top. It starts at 0 only when the numbers come near it, never goes below 0 for
 * numbers that are not negative, and a rate stays within 0 to 100%.
 */
export function fitDomain(numbers: readonly (number | null | undefined)[], { isRate }: { isRate: boolean }): [number, number] | null {
  const xs = numbers.filter((n): n is number => typeof n === "number" && Number.isFinite(n));
  if (xs.length === 0) return null;
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  // One number, or numbers too close to tell apart in floating point: a unit of room around them.
  const close = max - min || Math.abs(max);
  const span = close > 1e-300 ? close : 1;
  let lo = min - span * 0.15;
  let hi = max + span * 0.15;
  // Close to zero compared with its size: show zero, it reads more honestly than a cut axis.
  if (min >= 0 && (lo < 0 || min < span * 0.5)) lo = 0;
  // Round out to a step people count in (1, 2, 2.5 or 5 times a power of ten), so the ticks
  // read 60%, 70%, 80% rather than 63.1%, 72.6%.
  const step = niceStep((hi - lo) / 4);
  if (!(step > 0) || !Number.isFinite(step)) return [lo, hi];
  // min/max: a rounding error never pulls an end inside the numbers it must hold.
  lo = Math.min(lo, Math.floor(lo / step) * step);
  hi = Math.max(hi, Math.ceil(hi / step) * step);
  if (min >= 0) lo = Math.max(0, lo);
  if (isRate) {
    lo = Math.max(0, lo);
    hi = Math.min(1, hi);
  }
  return lo < hi ? [lo, hi] : [lo, lo + step];
}

function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const m = rough / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * power;
}

/**
 * An x-axis label: a week by its Monday's day and month ("16 Nov"), a month by its name with the
 * year's last two digits ("Dec ’25"), so the two never read alike. `start` is the period's first
 * day (YYYY-MM-DD).
 */
export function tickLabel(start: string, kind: "week" | "month"): string {
  const [y, m, d] = start.split("-").map(Number) as [number, number, number];
  return kind === "week" ? `${d} ${MONTHS[m - 1]}` : `${MONTHS[m - 1]} ’${String(y).slice(2)}`;
}

/** A tooltip's heading: "Week of 16 Nov 2026" or "December 2025"-style, in full. */
export function periodTitle(start: string, kind: "week" | "month"): string {
  const [y, m, d] = start.split("-").map(Number) as [number, number, number];
  return kind === "week" ? `Week of ${d} ${MONTHS[m - 1]} ${y}` : `${MONTHS[m - 1]} ${y}`;
}
