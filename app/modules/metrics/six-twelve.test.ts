import { describe, expect, it } from "vitest";
import { boxTotals, change, mondayOf, periodTarget, sixTwelve, type Point } from "./six-twelve";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const sum = { aggregate: "sum" as const, isRate: false };
const rate = { aggregate: "mean" as const, isRate: true };

/** A value on every day from `from` to `to` inclusive. */
function daily(from: string, to: string, value: number | ((day: Date) => number)): Point[] {
  const out: Point[] = [];
  for (let t = d(from).getTime(); t <= d(to).getTime(); t += 86_400_000) {
    const day = new Date(t);
    out.push({ periodStart: day, value: typeof value === "number" ? value : value(day) });
  }
  return out;
}

describe("weeks", () => {
  it("a week starts on Monday", () => {
    expect(mondayOf(d("2026-11-25")).toISOString().slice(0, 10)).toBe("2026-11-23");
    expect(mondayOf(d("2026-11-23")).toISOString().slice(0, 10)).toBe("2026-11-23");
    expect(mondayOf(d("2026-11-22")).toISOString().slice(0, 10)).toBe("2026-11-16");
  });
});

describe("the 6-12 series", () => {
  it("six complete weeks before this one, each with the week 364 days earlier; a missing week is null", () => {
    const points: Point[] = [
      { periodStart: d("2026-11-16"), value: 60 },
      { periodStart: d("2026-11-09"), value: 50 },
      // 2026-11-02 missing
      { periodStart: d("2026-10-26"), value: 40 },
      { periodStart: d("2026-10-19"), value: 30 },
      { periodStart: d("2026-10-12"), value: 20 },
      { periodStart: d("2025-11-17"), value: 6 }, // 364 days before 2026-11-16
      { periodStart: d("2026-11-23"), value: 999 }, // this (incomplete) week: not shown
    ];
    const { weeks } = sixTwelve(points, sum, d("2026-11-25"));
    expect(weeks.map((w) => w.start)).toEqual(["2026-10-12", "2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16"]);
    expect(weeks.map((w) => w.value)).toEqual([20, 30, 40, null, 50, 60]);
    expect(weeks[5]).toMatchObject({ label: "16 Nov", lastYear: 6 });
  });

  it("twelve months ending with last week's month, each against the same month a year before", () => {
    // asOf Tuesday 1 Dec 2026: last week ends Sunday 29 Nov, so the months end with November.
    const points = [...daily("2025-01-01", "2025-12-31", 1), ...daily("2026-01-01", "2026-11-29", 2)];
    const { months } = sixTwelve(points, sum, d("2026-12-01"));
    expect(months.map((m) => m.start)).toEqual([
      "2025-12-01",
      "2026-01-01",
      "2026-02-01",
      "2026-03-01",
      "2026-04-01",
      "2026-05-01",
      "2026-06-01",
      "2026-07-01",
      "2026-08-01",
      "2026-09-01",
      "2026-10-01",
      "2026-11-01",
    ]);
    expect(months[0]).toMatchObject({ label: "Dec 2025", value: 31, lastYear: null });
    expect(months[2]).toMatchObject({ label: "Feb 2026", value: 56, lastYear: 28 });
    expect(months[11]).toMatchObject({ value: 58, lastYear: 30 });
  });

  it("a leap February has 29 days against last year's 28", () => {
    const points = [...daily("2023-01-01", "2024-03-10", 1)];
    const { months } = sixTwelve(points, sum, d("2024-03-06"));
    // The running March counts to last week's Sunday (3 March), like the box's month to date.
    expect(months.at(-1)).toMatchObject({ start: "2024-03-01", value: 3 });
    expect(months.at(-2)).toMatchObject({ start: "2024-02-01", value: 29, lastYear: 28 });
  });

  it("averages a rate within a period instead of adding it up", () => {
    const points = [
      { periodStart: d("2026-11-16"), value: 0.9 },
      { periodStart: d("2026-11-18"), value: 0.94 },
    ];
    expect(sixTwelve(points, rate, d("2026-11-25")).weeks.at(-1)!.value).toBeCloseTo(0.92, 10);
  });
});

describe("box totals", () => {
  it("last week with week over week, and month, quarter and year to date against 364 days earlier", () => {
    // 1 a day in 2026, 2 a day in 2025; asOf Wednesday 25 Nov 2026, so totals run through Sunday 22 Nov.
    const points = [...daily("2025-01-01", "2025-12-31", 2), ...daily("2026-01-01", "2026-11-25", 1)];
    const box = boxTotals(points, sum, d("2026-11-25"));
    expect(box.through).toBe("2026-11-22");
    expect(box.lastWeek).toMatchObject({ value: 7, weekBefore: 7, wow: { unit: "percent", value: 0 }, lastYear: 14, yoy: { unit: "percent", value: -50 } });
    // 1-22 Nov is 22 days; Oct 1 - Nov 22 is 53; Jan 1 - Nov 22 is 326.
    expect(box.monthToDate).toMatchObject({ value: 22, lastYear: 44 });
    expect(box.quarterToDate).toMatchObject({ value: 53, lastYear: 106 });
    expect(box.yearToDate).toMatchObject({ value: 326, lastYear: 652, yoy: { unit: "percent", value: -50 } });
  });

  it("month to date crosses into a new month right after the 1st, and last year's range shifts 364 days", () => {
    // asOf Wednesday 6 Mar 2024: last week is 26 Feb - 3 Mar; March to date is 1-3 Mar.
    const points = daily("2023-01-01", "2024-03-10", (day) => day.getUTCDate());
    const box = boxTotals(points, sum, d("2024-03-06"));
    expect(box.through).toBe("2024-03-03");
    expect(box.monthToDate.value).toBe(1 + 2 + 3);
    // 364 days before 1-3 Mar 2024 is 3-5 Mar 2023.
    expect(box.monthToDate.lastYear).toBe(3 + 4 + 5);
  });

  it("rates compare in basis points, with no value a change is null", () => {
    const points = [
      { periodStart: d("2026-11-09"), value: 0.9 },
      { periodStart: d("2026-11-16"), value: 0.92 },
    ];
    const box = boxTotals(points, rate, d("2026-11-25"));
    expect(box.lastWeek.wow).toEqual({ unit: "bps", value: 200 });
    expect(box.lastWeek.yoy).toBeNull();
  });

  it("a change from zero in percent is undefined", () => {
    expect(change(5, 0, false)).toBeNull();
    expect(change(0.05, 0, true)).toEqual({ unit: "bps", value: 500 });
  });
});

describe("the target each period is held to", () => {
  const weekly = { aggregate: "sum" as const, isRate: false, cadence: "weekly" as const, target: 500 };
  const dailyCount = { aggregate: "sum" as const, isRate: false, cadence: "daily" as const, target: 100 };

  it("a weekly target of a metric that adds up is held once per Monday of the month, never the weekly 500 against a month", () => {
    // asOf Tue 1 Dec 2026: the months end with November (Mondays 2, 9, 16, 23); October has 4, August 5.
    const { weeks, months } = sixTwelve([], weekly, d("2026-12-01"));
    expect(weeks.map((w) => w.target)).toEqual([500, 500, 500, 500, 500, 500]);
    expect(months.find((m) => m.start === "2026-11-01")?.target).toBe(2000);
    expect(months.find((m) => m.start === "2026-08-01")?.target).toBe(2500);
    expect(months.every((m) => m.target === 2000 || m.target === 2500)).toBe(true);
  });

  it("a daily target adds up over the days; the running month only over its days to last Sunday", () => {
    const { weeks, months } = sixTwelve([], dailyCount, d("2026-11-25"));
    expect(weeks.every((w) => w.target === 700)).toBe(true);
    expect(months.find((m) => m.start === "2026-10-01")?.target).toBe(3100);
    // November to Sunday 22 November: 22 days.
    expect(months.at(-1)).toMatchObject({ start: "2026-11-01", target: 2200 });
  });

  it("a mean is held to its target as it is; a monthly sum has no weekly share; no target, no targets", () => {
    const { weeks, months } = sixTwelve([], { ...rate, cadence: "weekly", target: 0.95 }, d("2026-12-01"));
    expect([...weeks, ...months].every((p) => p.target === 0.95)).toBe(true);
    const monthly = sixTwelve([], { ...sum, cadence: "monthly", target: 40 }, d("2026-12-01"));
    expect(monthly.weeks.every((w) => w.target === null)).toBe(true);
    expect(monthly.months.every((m) => m.target === 40)).toBe(true);
    expect(sixTwelve([], sum, d("2026-12-01")).months.every((m) => m.target === null)).toBe(true);
  });

  it("the sum over a month of a weekly metric that meets its target each week meets the month's target exactly", () => {
    const points = Array.from({ length: 60 }, (_, i) => ({ periodStart: mondayOf(new Date(d("2026-11-23").getTime() - i * 7 * 86_400_000)), value: 500 }));
    const { months } = sixTwelve(points, weekly, d("2026-12-01"));
    for (const m of months) expect(m.value).toBe(m.target);
    expect(periodTarget(weekly, "week", d("2026-11-16"), d("2026-11-23"))).toBe(500);
  });
});
