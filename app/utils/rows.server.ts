// Rows of raw SQL are parsed here, at the boundary, instead of cast (decision 42). The two
// databases hand back the same query differently: a count is a bigint, an average may be text
// (PostgreSQL's numeric, a Decimal), a boolean inside JSON is 0/1 in SQLite, a date inside JSON is text
// with or without its zone. Each column says what it must become; anything else is an error.
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import type { Db, Tx } from "./db.server";

const ZONE = /(Z|[+-]\d\d:?\d\d)$/i;

/** A date from a Date or from text; text without a zone is UTC (PostgreSQL's timestamp inside JSON). */
export function utcDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  const date = new Date(ZONE.test(value) ? value : `${value}Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: ${value}`);
  return date;
}

// PostgreSQL's numeric (an average, a sum of integers) arrives as a Decimal.
const decimal = z.custom<{ toNumber(): number }>((v) => typeof v === "object" && v !== null && typeof (v as { toNumber?: unknown }).toNumber === "function");
const numeric = z
  .union([z.number(), z.bigint(), z.string().regex(/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i), decimal])
  .transform((v) => (typeof v === "object" ? v.toNumber() : Number(v)));

/** Column parsers for raw rows. */
export const col = {
  text: z.string(),
  textOrNull: z.string().nullable(),
  /** Any number: a count (bigint), a sum, an average (numeric text in PostgreSQL). */
  number: numeric,
  numberOrNull: numeric.nullable(),
  date: z.union([z.date(), z.string()]).transform(utcDate),
  dateOrNull: z.union([z.date(), z.string()]).transform(utcDate).nullable(),
  /** A boolean, or SQLite's 0 and 1. */
  bool: z.union([z.boolean(), z.number(), z.bigint()]).transform((v) => Boolean(Number(v))),
  oneOf: <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values as unknown as [T[number], ...T[number][]]),
  /** A stored JSON column: both drivers hand it back parsed (a JSON string as a string). */
  json: z.unknown().transform((v) => v as Prisma.JsonValue),
  /** A JSON array built by the query (dialect.jsonAgg): text in SQLite, parsed in PostgreSQL. */
  jsonArray: <T extends z.ZodTypeAny>(item: T) =>
    z
      .unknown()
      .transform((v) => (typeof v === "string" ? (JSON.parse(v) as unknown) : (v ?? [])))
      .pipe(z.array(item)),
};

/** Runs a raw query and parses every row with `row`. */
export async function queryRows<S extends z.ZodTypeAny>(db: Db | Tx, row: S, sql: Prisma.Sql): Promise<z.output<S>[]> {
  const rows = await db.$queryRaw<unknown[]>(sql);
  return z.array(row).parse(rows);
}

/** The single row of a query that returns exactly one (an aggregate). */
export async function queryOne<S extends z.ZodTypeAny>(db: Db | Tx, row: S, sql: Prisma.Sql): Promise<z.output<S>> {
  const [first] = await queryRows(db, row, sql);
  if (first === undefined) throw new Error("the query returned no row");
  return first;
}
