import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitDomain, periodTitle, tickLabel } from "./axis";

describe("the y-axis range", () => {
  it("fits a 90-100% series instead of starting at 0, and stays within 0 to 100% for a rate", () => {
    const [lo, hi] = fitDomain([0.91, 0.94, 0.97, 0.99, 0.95], { isRate: true })!;
    expect(lo).toBeGreaterThan(0.8);
    expect(lo).toBeLessThan(0.91);
    expect(hi).toBeLessThanOrEqual(1);
    expect(hi).toBeGreaterThanOrEqual(0.99);
  });

  it("takes in the target, so a target far from the values is still drawn", () => {
    const [lo, hi] = fitDomain([410, 430, 450, null, 2000], { isRate: false })!;
    expect(lo).toBeLessThanOrEqual(410);
    expect(hi).toBeGreaterThanOrEqual(2000);
  });

  it("starts at 0 when the values come near it, and never below 0 for values that are not negative", () => {
    expect(fitDomain([3, 40, 90], { isRate: false })![0]).toBe(0);
    expect(fitDomain([0, 0, 0], { isRate: false })).toEqual([0, expect.any(Number)]);
  });

  it("reaches below 0 for negative values, and has no range without numbers", () => {
    expect(fitDomain([-20, 5], { isRate: false })![0]).toBeLessThan(-20);
    expect(fitDomain([null, undefined, Number.NaN], { isRate: false })).toBeNull();
  });

  it("always holds every number it was given, with the lower end under the upper", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 30 }), (xs) => {
        const [lo, hi] = fitDomain(xs, { isRate: false })!;
        expect(lo).toBeLessThan(hi);
        for (const x of xs) expect(x >= lo && x <= hi).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }), (xs) => {
        const [lo, hi] = fitDomain(xs, { isRate: true })!;
        expect(lo >= 0 && hi <= 1 && lo < hi).toBe(true);
        for (const x of xs) expect(x >= lo && x <= hi).toBe(true);
      }),
    );
  });
});

describe("x-axis labels", () => {
  it("label weeks by day and month and months by month and year, so the two never read alike", () => {
    expect(tickLabel("2026-11-16", "week")).toBe("16 Nov");
    expect(tickLabel("2025-12-01", "month")).toBe("Dec ’25");
    expect(periodTitle("2026-11-16", "week")).toBe("Week of 16 Nov 2026");
    expect(periodTitle("2025-12-01", "month")).toBe("Dec 2025");
  });
});
