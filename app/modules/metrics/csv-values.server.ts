// (A .server module: csv-parse needs Node's Buffer, so it stays out of the browser bundle.)
// Reads an uploaded CSV of metric values (headers metric, period, value) into rows for the
// checks, with the file's line numbers. csv-parse does the CSV; this names what is wrong.
import { CsvError, parse } from "csv-parse/sync";
import { CSV_HEADERS, type RawValueRow } from "./value-rows";
export const MAX_CSV_ROWS = 200_000;

export type CsvProblem = { row: number | null; message: string };

export function readValuesCsv(text: string): { ok: true; rows: RawValueRow[] } | { ok: false; problems: CsvProblem[] } {
  let headers: string[] = [];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      columns: (first: string[]) => (headers = first.map((h) => h.trim().toLowerCase())),
      skip_empty_lines: true,
      trim: true,
      info: true,
      to: MAX_CSV_ROWS + 1,
    }) as typeof records;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? null;
      return { ok: false, problems: [{ row: line, message: `This is not a readable CSV file: ${error.message.replace(/^Invalid [^:]*: /, "")}` }] };
    }
    throw error;
  }
  const missing = CSV_HEADERS.filter((h) => !headers.includes(h));
  const extra = headers.filter((h) => !(CSV_HEADERS as readonly string[]).includes(h));
  if (missing.length || extra.length || headers.length !== CSV_HEADERS.length) {
    const found = headers.length ? headers.map((h) => `"${h.slice(0, 40)}"`).join(", ") : "nothing";
    return { ok: false, problems: [{ row: 1, message: `The first line must name the columns metric, period and value; it has ${found}.` }] };
  }
  if (records.length === 0) return { ok: false, problems: [{ row: null, message: "The file has headers but no values." }] };
  if (records.length > MAX_CSV_ROWS)
    return { ok: false, problems: [{ row: null, message: `The file has more than ${MAX_CSV_ROWS.toLocaleString("en")} values; split it.` }] };
  return {
    ok: true,
    rows: records.map(({ record, info }) => ({ row: info.lines, metric: record.metric ?? "", period: record.period ?? "", value: record.value ?? "" })),
  };
}
