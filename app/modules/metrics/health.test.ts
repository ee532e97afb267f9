import { describe, expect, it } from "vitest";
import { metricHealth, RECENT_POINTS } from "./health";

const week = (i: number) => new Date(Date.UTC(2026, 8, 7 + 7 * i));
const series = (values: number[]) => values.map((value, i) => ({ periodStart: week(i), value }));
const rate = { target: 0.9, direction: "higher" as const };

describe("metricHealth", () => {
  it("is on or off target by the newest value, and 'none' without values or a target", () => {
    expect(metricHealth(series([0.8, 0.91]), rate, new Set())).toMatchObject({ status: "on" });
    expect(metricHealth(series([0.95, 0.85]), rate, new Set())).toMatchObject({ status: "off" });
    expect(metricHealth(series([]), rate, new Set())).toEqual({ status: "none", needNotes: 0 });
    expect(metricHealth(series([0.5]), { target: null, direction: "higher" }, new Set())).toMatchObject({ status: "none" });
    // Lower is better: at or under the target is on it.
    expect(metricHealth(series([300, 250]), { target: 250, direction: "lower" }, new Set())).toMatchObject({ status: "on" });
  });

  it("counts the recent flagged points that have no note yet", () => {
    const values = series([0.92, 0.93, 0.85, 0.94, 0.8]);
    expect(metricHealth(values, rate, new Set()).needNotes).toBe(2);
    expect(metricHealth(values, rate, new Set(["2026-10-05"])).needNotes).toBe(1);
  });

  it("judges only the newest points, as the metric page does", () => {
    const old = Array.from({ length: 20 }, () => 0.5);
    const recent = Array.from({ length: RECENT_POINTS }, () => 0.95);
    expect(metricHealth(series([...old, ...recent]), rate, new Set())).toEqual({ status: "on", needNotes: 0 });
  });
});
