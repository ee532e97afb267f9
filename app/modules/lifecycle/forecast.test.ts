import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forecastNextGate, quantile, seeded, stageDurations, stageVisits, type PastDecision, type StageVisit } from "./forecast";

const at = (day: string) => new Date(`${day}T00:00:00Z`);
const visit = (stage: StageVisit["stage"], days: number, teamId: string | null = null): StageVisit => ({ teamId, stage, days });

describe("stage visits, replayed from past decisions", () => {
  it("ends a visit at Go, Conditional Go, Recycle and Stop, but not at a Hold", () => {
    const d = (stage: PastDecision["stage"], decision: PastDecision["decision"], day: string, recycleTo: PastDecision["recycleTo"] = null): PastDecision => ({
      projectId: "p1",
      teamId: "t1",
      stage,
      decision,
      decidedAt: at(day),
      recycleTo,
    });
    const visits = stageVisits(
      [
        d("identify", "go", "2031-01-11"),
        d("understand", "hold", "2031-01-20"),
        d("understand", "conditional_go", "2031-02-10"),
        d("owner", "recycle", "2031-02-15", "understand"),
        d("understand", "stop", "2031-02-18"),
      ],
      new Map([["p1", at("2031-01-01")]]),
    );
    expect(visits.map((v) => [v.stage, v.days])).toEqual([
      ["identify", 10],
      ["understand", 30],
      ["owner", 5],
      ["understand", 3],
    ]);
  });
});

describe("the next gate's forecast", () => {
  it("matches a small case worked by hand: the draws among visits longer than the project's time so far", () => {
    // Visits of 10 to 60 days; 15 days in, 20 to 60 remain possible, one fifth each: the median
    // is 40 days, the 85th percentile 60 days, after the day the stage was entered.
    const visits = [10, 20, 30, 40, 50, 60].map((days) => visit("plan", days));
    const forecast = forecastNextGate({ visits, stage: "plan", teamId: null, enteredAt: at("2031-01-01"), now: at("2031-01-16"), runs: 20_000, seed: 7 });
    expect(forecast).toEqual({ ok: true, p50: at("2031-02-10"), p85: at("2031-03-02"), from: 5, scope: "organisation" });
  });

  it("uses the same team's visits when there are enough, and says so", () => {
    const visits = [...Array.from({ length: 8 }, () => visit("plan", 100, "fulfilment")), ...Array.from({ length: 50 }, () => visit("plan", 10, "growth"))];
    const team = forecastNextGate({ visits, stage: "plan", teamId: "fulfilment", enteredAt: at("2031-01-01"), now: at("2031-01-02") });
    expect(team).toMatchObject({ ok: true, scope: "team", p50: at("2031-04-11") });
    const fewer = forecastNextGate({ visits: visits.slice(1), stage: "plan", teamId: "fulfilment", enteredAt: at("2031-01-01"), now: at("2031-01-02") });
    expect(fewer).toMatchObject({ ok: true, scope: "organisation" });
  });

  it("gives no forecast from too few past projects, or when this one has outlasted nearly all of them", () => {
    expect(forecastNextGate({ visits: [visit("plan", 10)], stage: "plan", teamId: null, enteredAt: at("2031-01-01"), now: at("2031-01-02") })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("Too few past projects"),
    });
    const visits = Array.from({ length: 20 }, (_, i) => visit("plan", i + 1));
    expect(forecastNextGate({ visits, stage: "plan", teamId: null, enteredAt: at("2031-01-01"), now: at("2031-01-19") })).toMatchObject({
      ok: false,
      from: 2,
      reason: expect.stringContaining("longer than all but 2 of the 20"),
    });
  });

  it("is the same for the same seed, never before today's time in stage, and the 85th percentile never before the median", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 5, maxLength: 60 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer(),
        (days, elapsed, seed) => {
          const visits = days.map((d) => visit("execute", d));
          const input = {
            visits,
            stage: "execute" as const,
            teamId: null,
            enteredAt: at("2031-01-01"),
            now: new Date(at("2031-01-01").getTime() + elapsed * 86_400_000),
            runs: 500,
            seed,
          };
          const a = forecastNextGate(input);
          expect(forecastNextGate(input)).toEqual(a);
          if (!a.ok) return;
          expect(a.p85.getTime()).toBeGreaterThanOrEqual(a.p50.getTime());
          expect(a.p50.getTime()).toBeGreaterThanOrEqual(at("2031-01-01").getTime() + elapsed * 86_400_000 - 86_400_000);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("draws evenly: the seeded generator's numbers lie in [0, 1), and the nearest-rank quantile is a value it was given", () => {
    const random = seeded(42);
    const draws = Array.from({ length: 10_000 }, random);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.filter((d) => d < 0.5).length / draws.length).toBeCloseTo(0.5, 1);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.85)).toBe(4);
  });
});

describe("how long stages took", () => {
  it("gives each stage's median and 85th percentile of finished visits, for a team or everyone", () => {
    const visits = [
      ...[4, 8, 15, 16, 23, 42].map((d) => visit("plan", d, "fulfilment")),
      ...[100, 200].map((d) => visit("plan", d, "growth")),
      visit("identify", 3, "growth"),
    ];
    const all = stageDurations(visits);
    expect(all.get("plan")).toEqual({ visits: 8, median: 16, p85: 100 });
    expect(all.get("identify")).toEqual({ visits: 1, median: 3, p85: 3 });
    expect(all.get("adopt")).toBeNull();
    expect(stageDurations(visits, "fulfilment").get("plan")).toEqual({ visits: 6, median: 15, p85: 42 });
  });
});
