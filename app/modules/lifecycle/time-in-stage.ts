// Time in a stage and the next gate date, the one way every page counts them (issue 13, item 4):
// the project page's header and stage path, the board, the table, its CSV and the dashboard.
// Days are whole calendar days in UTC, so the count changes at the same moment for everyone and
// matches the dashboard's SQL (`date()` differences). Pure.
import type { ProjectStatus } from "./stages";

const DAY = 86_400_000;
export const utcDay = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());

/** Whole calendar days (UTC) from one instant to a later one; never negative. */
export function calendarDaysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.round((utcDay(to) - utcDay(from)) / DAY));
}

/** Days a project has been in its stage: since it entered it, today included as day 0. */
export function daysInStage(stageEnteredAt: Date, now: Date): number {
  return calendarDaysBetween(stageEnteredAt, now);
}

export type NextGate = {
  date: Date;
  /** A Hold's revisit date, an open condition's due date, or the end of the stage's expected days. */
  kind: "hold" | "condition" | "expected";
  /** The date is a past calendar day. */
  overdue: boolean;
};

/** When an active project's gate is next due, and whether that day has passed; null when closed. */
export function nextGate(
  project: { status: ProjectStatus; stageEnteredAt: Date; revisitAt: Date | null; conditionDueAt: Date | null },
  expectedDays: number | null,
  now: Date,
): NextGate | null {
  if (project.status !== "active" && project.status !== "on_hold") return null;
  const [kind, date]: [NextGate["kind"], Date | null] = project.revisitAt
    ? ["hold", project.revisitAt]
    : project.conditionDueAt
      ? ["condition", project.conditionDueAt]
      : ["expected", expectedDays === null ? null : new Date(utcDay(project.stageEnteredAt) + expectedDays * DAY)];
  if (!date) return null;
  return { date, kind, overdue: utcDay(date) < utcDay(now) };
}

/**
 * The entry instant before which a project with no Hold or condition is past its next gate date
 * (nextGate's "expected" kind), for queries that compare the stored entry date.
 */
export function overdueIfEnteredBefore(expectedDays: number, now: Date): Date {
  return new Date(utcDay(now) - expectedDays * DAY);
}
