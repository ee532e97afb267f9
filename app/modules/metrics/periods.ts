// Periods of a metric's cadence: a day, a week (from Monday) or a month (from the 1st), in UTC.
import { mondayOf, utcDay } from "./six-twelve";

export type Cadence = "daily" | "weekly" | "monthly";

export function periodStartOf(cadence: Cadence, date: Date): Date {
  if (cadence === "daily") return utcDay(date);
  if (cadence === "weekly") return mondayOf(date);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

export function isPeriodStart(cadence: Cadence, date: Date): boolean {
  return periodStartOf(cadence, date).getTime() === date.getTime();
}

/** "YYYY-MM-DD" as a UTC day, or null when it is not a real date. */
export function parseDay(text: string): Date | null {
  const s = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  // A day that does not exist (2023-02-29, 2026-13-01) is NaN or rolls over to another day.
  // Cheaper than date-fns' isMatch, which a 100,000-row import calls once a row.
  const day = new Date(`${s}T00:00:00Z`);
  return Number.isNaN(day.getTime()) || dayString(day) !== s ? null : day;
}

export function dayString(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The `count` periods up to the one holding `asOf`, newest first. */
export function recentPeriods(cadence: Cadence, asOf: Date, count: number): Date[] {
  const out: Date[] = [];
  let start = periodStartOf(cadence, asOf);
  for (let i = 0; i < count; i++) {
    out.push(start);
    const before = new Date(start.getTime() - 86_400_000);
    start = periodStartOf(cadence, before);
  }
  return out;
}

export const CADENCE_PERIOD: Record<Cadence, string> = { daily: "day", weekly: "week (a Monday)", monthly: "month (the 1st)" };
