// Every CSV the app writes goes through here, so a cell a spreadsheet would run as a formula
// never leaves as one (OWASP's rule for CSV injection): a text cell that starts with =, +, -,
// @, a tab or a carriage return gets a leading apostrophe. Numbers and dates are not text and
// are written as they are; imports read values exactly as they were typed.
import { stringify } from "csv-stringify/sync";

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as a spreadsheet should show it, never run it. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export type CsvCell = string | number | boolean | Date | null | undefined;

/** Rows as CSV text (RFC 4180 quoting by csv-stringify), text cells neutralised. */
export function toCsv(rows: CsvCell[][]): string {
  return stringify(rows, {
    cast: {
      string: (value) => neutraliseFormula(value),
      date: (value) => value.toISOString(),
    },
  });
}
