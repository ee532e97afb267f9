import { describe, expect, it } from "vitest";
import { flagSeries, pointFlags, xmrLimits } from "./xmr";

describe("XmR limits", () => {
  it("are the mean plus or minus 2.66 times the average moving range", () => {
    // mean 12; moving ranges 2, 4, 6 → average 4; 2.66 × 4 = 10.64
    const limits = xmrLimits([10, 12, 16, 10])!;
    expect(limits.mean).toBe(12);
    expect(limits.averageMovingRange).toBe(4);
    expect(limits.upper).toBeCloseTo(22.64, 10);
    expect(limits.lower).toBeCloseTo(1.36, 10);
  });

  it("need at least two values", () => {
    expect(xmrLimits([5])).toBeNull();
    expect(xmrLimits([])).toBeNull();
  });

  it("a flat series has zero-width limits, so any change is outside them", () => {
    expect(xmrLimits([3, 3, 3])).toEqual({ mean: 3, averageMovingRange: 0, upper: 3, lower: 3 });
  });
});

describe("point flags", () => {
  const limits = { mean: 12, averageMovingRange: 2, upper: 17.32, lower: 6.68 };

  it("flags a value off target in the metric's direction", () => {
    expect(pointFlags(9, { target: 10, direction: "higher" }, limits)).toEqual({ offTarget: true, outsideLimits: false });
    expect(pointFlags(9, { target: 10, direction: "lower" }, limits)).toEqual({ offTarget: false, outsideLimits: false });
    expect(pointFlags(9, { target: null, direction: "higher" }, limits).offTarget).toBe(false);
  });

  it("flags a value outside the natural process limits on either side", () => {
    expect(pointFlags(18, { target: null, direction: "higher" }, limits).outsideLimits).toBe(true);
    expect(pointFlags(6, { target: null, direction: "higher" }, limits).outsideLimits).toBe(true);
    expect(pointFlags(17.32, { target: null, direction: "higher" }, limits).outsideLimits).toBe(false);
  });

  it("flags a spike in a series against limits from the whole series", () => {
    const flags = flagSeries([10, 11, 10, 11, 10, 11, 10, 11, 10, 30], { target: null, direction: "higher" });
    expect(flags.map((f) => f.outsideLimits)).toEqual([false, false, false, false, false, false, false, false, false, true]);
  });

  it("does not flag a steady series whose floating-point mean is a hair off its values", () => {
    expect(
      flagSeries(
        Array.from({ length: 12 }, () => 0.95),
        { target: 0.9, direction: "higher" },
      ).some((f) => f.outsideLimits),
    ).toBe(false);
  });
});
