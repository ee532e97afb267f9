import { describe, expect, it } from "vitest";
import { checkValueRows, readNumber, type MetricRef } from "./value-rows";

const metrics: MetricRef[] = [
  { id: "m1", name: "Orders on time", cadence: "weekly", retired: false },
  { id: "m2", name: "Signups", cadence: "monthly", retired: false },
  { id: "m3", name: "Old measure", cadence: "daily", retired: true },
];

describe("readNumber", () => {
  it("reads plain and thousands-separated numbers, refuses text", () => {
    expect(readNumber("1,234.5")).toBe(1234.5);
    expect(readNumber(" 0.95 ")).toBe(0.95);
    expect(readNumber(-3)).toBe(-3);
    expect(readNumber("")).toBeNull();
    expect(readNumber("12abc")).toBeUndefined();
    expect(readNumber("NaN")).toBeUndefined();
    expect(readNumber(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(readNumber("0.95")).toBe(0.95);
    expect(readNumber(true)).toBeUndefined();
  });
});

describe("checkValueRows", () => {
  it("accepts rows by metric name or id on their period starts", () => {
    const result = checkValueRows(
      [
        { row: 2, metric: "orders on time", period: "2026-11-16", value: "0.97" },
        { row: 3, metric: "m2", period: "2026-11-01", value: 120 },
      ],
      metrics,
      { allowEmpty: false },
    );
    expect(result).toEqual({
      ok: true,
      rows: [
        { metricId: "m1", periodStart: new Date("2026-11-16T00:00:00Z"), value: 0.97 },
        { metricId: "m2", periodStart: new Date("2026-11-01T00:00:00Z"), value: 120 },
      ],
    });
  });

  it("names each bad row and field: unknown or retired metric, bad date, not a period start, not a number, a duplicate", () => {
    const result = checkValueRows(
      [
        { row: 2, metric: "Nope", period: "2026-11-16", value: "1" },
        { row: 3, metric: "Old measure", period: "2026-11-16", value: "1" },
        { row: 4, metric: "Orders on time", period: "16/11/2026", value: "1" },
        { row: 5, metric: "Orders on time", period: "2026-11-17", value: "1" },
        { row: 6, metric: "Signups", period: "2026-11-01", value: "many" },
        { row: 7, metric: "Signups", period: "2026-11-01", value: "3" },
      ],
      metrics,
      { allowEmpty: false },
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        { row: 2, field: "metric", message: 'Unknown metric "Nope"' },
        { row: 3, field: "metric", message: '"Old measure" is retired; it takes no new values' },
        { row: 4, field: "period", message: '"16/11/2026" is not a date like 2026-11-16' },
        { row: 5, field: "period", message: '2026-11-17 does not start a week (a Monday) for "Orders on time"' },
        { row: 6, field: "value", message: '"many" is not a number' },
        { row: 7, field: "period", message: '"Signups" already has 2026-11-01 on row 6' },
      ],
    });
  });

  it("an empty value clears a period only where that is allowed (the grid)", () => {
    const row = { row: 1, metric: "m1", period: "2026-11-16", value: "" };
    expect(checkValueRows([row], metrics, { allowEmpty: true })).toMatchObject({ ok: true, rows: [{ value: null }] });
    expect(checkValueRows([row], metrics, { allowEmpty: false }).ok).toBe(false);
  });
});
