import { describe, expect, it } from "vitest";
import { checkValueRows, readNumber, type MetricRef } from "./value-rows";

const metrics: MetricRef[] = [
  { id: "m1", name: "Orders on time", cadence: "weekly", retired: false, isRate: true, allowsNegative: false },
  { id: "m2", name: "Signups", cadence: "monthly", retired: false, isRate: false, allowsNegative: false },
  { id: "m3", name: "Old measure", cadence: "daily", retired: true, isRate: false, allowsNegative: false },
  { id: "m4", name: "Net change in backlog", cadence: "weekly", retired: false, isRate: false, allowsNegative: true },
];
// A Wednesday: the current week starts Monday 2026-11-30, the current month 2026-12-01.
const now = new Date("2026-12-02T15:00:00Z");

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
      { allowEmpty: false, now },
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
      { allowEmpty: false, now },
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
    expect(checkValueRows([row], metrics, { allowEmpty: true, now })).toMatchObject({ ok: true, rows: [{ value: null }] });
    expect(checkValueRows([row], metrics, { allowEmpty: false, now }).ok).toBe(false);
  });

  it("a rate lies between 0 and 1, a count is not negative unless its metric allows it, and no period lies beyond the current one", () => {
    const result = checkValueRows(
      [
        { row: 2, metric: "Orders on time", period: "2026-11-23", value: "1.7" },
        { row: 3, metric: "Orders on time", period: "2026-11-16", value: "-0.1" },
        { row: 4, metric: "Signups", period: "2026-11-01", value: "-3" },
        { row: 5, metric: "Net change in backlog", period: "2026-11-23", value: "-40" },
        { row: 6, metric: "Orders on time", period: "2026-12-07", value: "0.9" },
        { row: 7, metric: "Signups", period: "2030-01-01", value: "10" },
        { row: 8, metric: "Orders on time", period: "2026-11-30", value: "1" },
        { row: 9, metric: "Signups", period: "2026-12-01", value: "0" },
      ],
      metrics,
      { allowEmpty: false, now },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      { row: 2, field: "value", message: '1.7 is not a share of 1: "Orders on time" is a rate, so 95% is 0.95' },
      { row: 3, field: "value", message: '-0.1 is not a share of 1: "Orders on time" is a rate, so 95% is 0.95' },
      { row: 4, field: "value", message: '-3 is negative, and "Signups" takes no negative values' },
      { row: 6, field: "period", message: '2026-12-07 is in the future: the current week of "Orders on time" starts 2026-11-30' },
      { row: 7, field: "period", message: '2030-01-01 is in the future: the current month of "Signups" starts 2026-12-01' },
    ]);
  });

  it("reports every problem of a row, not only its first", () => {
    const result = checkValueRows(
      [
        { row: 2, metric: "Nope", period: "someday", value: "lots" },
        { row: 3, metric: "Old measure", period: "2026-11-31", value: "" },
        { row: 4, metric: "Orders on time", period: "2026-11-17", value: "2" },
      ],
      metrics,
      { allowEmpty: false, now },
    );
    expect(!result.ok && result.problems.map((p) => [p.row, p.field])).toEqual([
      [2, "metric"],
      [2, "period"],
      [2, "value"],
      [3, "metric"],
      [3, "period"],
      [3, "value"],
      [4, "period"],
      [4, "value"],
    ]);
  });
});
