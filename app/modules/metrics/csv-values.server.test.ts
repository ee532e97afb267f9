import { describe, expect, it } from "vitest";
import { readValuesCsv } from "./csv-values.server";

describe("readValuesCsv", () => {
  it("reads rows with their line numbers, in any column order, with a BOM and blank lines", () => {
    const text = '\uFEFFValue,Metric,Period\n0.95,Orders on time,2026-11-16\n\n"1,204",Signups,2026-11-01\n';
    expect(readValuesCsv(text)).toEqual({
      ok: true,
      rows: [
        { row: 2, metric: "Orders on time", period: "2026-11-16", value: "0.95" },
        { row: 4, metric: "Signups", period: "2026-11-01", value: "1,204" },
      ],
    });
  });

  it("refuses wrong headers, naming what it found", () => {
    expect(readValuesCsv("name,date,amount\nx,2026-11-16,1\n")).toEqual({
      ok: false,
      problems: [{ row: 1, message: 'The first line must name the columns metric, period and value; it has "name", "date", "amount".' }],
    });
    expect(readValuesCsv("metric,period,value,comment\nx,2026-11-16,1,hi\n").ok).toBe(false);
  });

  it("refuses junk and broken quoting with the line", () => {
    const junk = readValuesCsv('metric,period,value\n"unterminated,2026-11-16,1\nx,y,z\n');
    expect(junk).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining("not a readable CSV") }] });
    const binary = readValuesCsv("\u0000\u0001PK\u0003\u0004 garbage \u00ff\n\u0000");
    expect(binary.ok).toBe(false);
  });

  it("a row with too many fields is refused with its line", () => {
    const result = readValuesCsv("metric,period,value\na,2026-11-16,1\nb,2026-11-16,1,extra\n");
    expect(result).toMatchObject({ ok: false, problems: [{ row: 3 }] });
  });

  it("refuses a file with headers only", () => {
    expect(readValuesCsv("metric,period,value\n")).toEqual({ ok: false, problems: [{ row: null, message: "The file has headers but no values." }] });
  });
});
