import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stagePath } from "./path";
import { calendarDaysBetween, daysInStage, nextGate, overdueIfEnteredBefore } from "./time-in-stage";

const at = (iso: string) => new Date(iso);

describe("days in stage", () => {
  it("counts calendar days in UTC: entering late in the evening is day 0 until midnight UTC", () => {
    expect(daysInStage(at("2026-11-30T23:50:00Z"), at("2026-11-30T23:59:00Z"))).toBe(0);
    expect(daysInStage(at("2026-11-30T23:50:00Z"), at("2026-12-01T00:10:00Z"))).toBe(1);
    expect(daysInStage(at("2026-10-13T09:00:00Z"), at("2026-12-01T08:00:00Z"))).toBe(49);
    expect(calendarDaysBetween(at("2026-12-02T00:00:00Z"), at("2026-12-01T00:00:00Z"))).toBe(0);
  });

  it("the stage path's current stage says what the header says, whatever the hours (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 24 * 60 }), fc.integer({ min: 0, max: 24 * 60 }), (minutesAgo, createdEarlier) => {
        const now = at("2026-12-01T10:30:00Z");
        const entered = new Date(now.getTime() - minutesAgo * 60_000);
        const created = new Date(entered.getTime() - createdEarlier * 60_000);
        const decisions = [{ stage: "identify" as const, decision: "go" as const, decidedAt: entered, recycleTo: null }];
        const path = stagePath(created, decisions, now, { stage: "understand", closed: false, enteredAt: entered });
        expect(path.find((p) => p.current)!.days).toBe(daysInStage(entered, now));
      }),
    );
  });
});

describe("next gate date", () => {
  const project = { status: "active" as const, stageEnteredAt: at("2026-10-01T15:00:00Z"), revisitAt: null, conditionDueAt: null };

  it("is the end of the stage's expected days, flagged overdue once that day has passed", () => {
    expect(nextGate(project, 30, at("2026-10-31T23:00:00Z"))).toEqual({ date: at("2026-10-31T00:00:00Z"), kind: "expected", overdue: false });
    expect(nextGate(project, 30, at("2026-11-01T00:30:00Z"))).toMatchObject({ kind: "expected", overdue: true });
    expect(nextGate(project, null, at("2026-11-01T00:30:00Z"))).toBeNull();
  });

  it("a Hold's revisit date comes first, then an open condition; closed projects have none", () => {
    const hold = { ...project, revisitAt: at("2026-11-20T00:00:00Z"), conditionDueAt: at("2026-11-10T00:00:00Z") };
    expect(nextGate(hold, 30, at("2026-11-19T12:00:00Z"))).toMatchObject({ kind: "hold", overdue: false });
    expect(nextGate({ ...project, conditionDueAt: at("2026-11-10T00:00:00Z") }, 30, at("2026-11-11T00:00:00Z"))).toMatchObject({
      kind: "condition",
      overdue: true,
    });
    expect(nextGate({ ...project, status: "stopped" }, 30, at("2026-11-11T00:00:00Z"))).toBeNull();
  });

  it("the dashboard's cutoff agrees with nextGate: entered a moment before it is overdue, at it is not", () => {
    const now = at("2026-11-01T10:00:00Z");
    const cutoff = overdueIfEnteredBefore(30, now);
    const entered = (d: Date) => ({ ...project, stageEnteredAt: d });
    expect(nextGate(entered(new Date(cutoff.getTime() - 1)), 30, now)?.overdue).toBe(true);
    expect(nextGate(entered(cutoff), 30, now)?.overdue).toBe(false);
  });
});
