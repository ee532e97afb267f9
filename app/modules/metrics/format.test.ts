import { describe, expect, it } from "vitest";
import { formatMetricValue, meetsTarget } from "./format";

describe("metric formatting", () => {
  it("shows rates as percentages and other values with their unit", () => {
    expect(formatMetricValue(0.9234, { unit: "%", isRate: true })).toBe("92.3%");
    expect(formatMetricValue(231.6, { unit: "ms", isRate: false })).toBe("232 ms");
    expect(formatMetricValue(12.345, { unit: "count", isRate: false })).toBe("12.35");
  });

  it("meets a target in the metric's direction", () => {
    expect(meetsTarget(0.95, 0.9, "higher")).toBe(true);
    expect(meetsTarget(260, 250, "lower")).toBe(false);
    expect(meetsTarget(260, null, "lower")).toBeNull();
  });
});
