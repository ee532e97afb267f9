import { describe, expect, it } from "vitest";
import { isPeriodStart, parseDay, periodStartOf, recentPeriods } from "./periods";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const days = (dates: Date[]) => dates.map((x) => x.toISOString().slice(0, 10));

describe("periods", () => {
  it("start on the day, the Monday or the 1st", () => {
    expect(days([periodStartOf("daily", d("2026-11-25")), periodStartOf("weekly", d("2026-11-25")), periodStartOf("monthly", d("2026-11-25"))])).toEqual([
      "2026-11-25",
      "2026-11-23",
      "2026-11-01",
    ]);
    expect(isPeriodStart("weekly", d("2026-11-23"))).toBe(true);
    expect(isPeriodStart("weekly", d("2026-11-24"))).toBe(false);
    expect(isPeriodStart("monthly", d("2026-11-02"))).toBe(false);
  });

  it("count back across month and year ends, leap days included", () => {
    expect(days(recentPeriods("monthly", d("2026-02-10"), 3))).toEqual(["2026-02-01", "2026-01-01", "2025-12-01"]);
    expect(days(recentPeriods("weekly", d("2026-01-06"), 2))).toEqual(["2026-01-05", "2025-12-29"]);
    expect(days(recentPeriods("daily", d("2024-03-01"), 2))).toEqual(["2024-03-01", "2024-02-29"]);
  });

  it("read only real YYYY-MM-DD dates", () => {
    expect(parseDay("2024-02-29")).toEqual(d("2024-02-29"));
    expect(parseDay("2023-02-29")).toBeNull();
    expect(parseDay("2026-04-31")).toBeNull();
    expect(parseDay("2026-13-01")).toBeNull();
    expect(parseDay("2026-00-10")).toBeNull();
    expect(parseDay(" 2026-11-16 ")).toEqual(d("2026-11-16"));
    expect(parseDay("29/02/2024")).toBeNull();
    expect(parseDay("2024-2-9")).toBeNull();
  });
});
