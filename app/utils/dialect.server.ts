// The one place SQL differs between SQLite and PostgreSQL (decision 42). Every raw query in the
// app is written in the SQL both databases share; the fragments they spell differently come from
// here, chosen by the client the query runs on. Rows coming back are parsed in ./rows.server.ts.
import { Prisma } from "~/generated/prisma/client";
import type { Db, Tx } from "./db-types.server";

type Sql = Prisma.Sql;
export type ColumnType = "text" | "integer" | "timestamp" | "float";
export type Column = { name: string; type: ColumnType };
type Cell = string | number | Date | null;

export type Dialect = {
  readonly name: "sqlite" | "postgres";
  /** The values of `value` over the group's rows as one JSON array, in `orderBy` order; [] when none. */
  jsonAgg(value: Sql, orderBy?: Sql): Sql;
  /** A JSON object of the given keys and values. */
  jsonObject(fields: Record<string, Sql>): Sql;
  /** A JSON array of the given values. */
  jsonArray(items: Sql[]): Sql;
  /** A stored JSON column or a parenthesised subquery returning JSON, kept JSON inside jsonObject. */
  jsonValue(expression: Sql): Sql;
  /** `text` with any of `characters` removed from both ends. */
  trim(text: Sql, characters: string): Sql;
  /** `column` matches a LIKE pattern regardless of case; a backslash escapes % and _. */
  matches(column: Sql, pattern: string): Sql;
  /** Whole calendar days (UTC) from the day of `earlier` (a column) to the day of `later`. */
  daysBetween(later: Date, earlier: Sql): Sql;
  /** A date as a value to store in a DateTime column by raw SQL, as Prisma itself stores it. */
  storedDate(date: Date): Sql;
  /** The "YYYY-MM" month of a timestamp column. */
  yearMonth(column: Sql): Sql;
  /** A derived table of the given rows, one column per entry of `columns`: `FROM ${valuesTable(...)} AS j`. */
  valuesTable(rows: Cell[][], columns: Column[]): Sql;
  /** What a new connection needs before its first query. */
  configure(db: Db): Promise<void>;
  /** Housekeeping worth doing at start (the query planner's statistics). */
  optimize(db: Db): Promise<void>;
  /** Makes writers of the audit chain take turns until their transactions end (audit.server.ts). */
  lockAuditChain(tx: Tx): Promise<void>;
  /**
   * The isolation level for a transaction whose reads must all see one moment (a gate decision):
   * PostgreSQL reads each statement at its own moment by default; SQLite's transactions already
   * read one snapshot (undefined: its default).
   */
  oneSnapshot: "RepeatableRead" | undefined;
};

/** A date as Prisma stores a DateTime in SQLite ("2026-11-16T00:00:00.000+00:00"): stored dates compare as text. */
export function sqliteDate(date: Date): string {
  return `${date.toISOString().slice(0, -1)}+00:00`;
}

const jsonFields = (fields: Record<string, Sql>) =>
  Prisma.join(
    Object.entries(fields).map(([key, value]) => Prisma.sql`${Prisma.raw(`'${key.replace(/'/g, "''")}'`)}, ${value}`),
    ", ",
  );

/** The columns `names` of the table aliased `alias`, as fields for jsonObject (`{ id: a."id", ... }`). */
export function columnsOf(alias: string, names: readonly string[]): Record<string, Sql> {
  return Object.fromEntries(names.map((name) => [name, Prisma.raw(`${alias}."${name}"`)]));
}

const ordered = (value: Sql, orderBy?: Sql) => (orderBy ? Prisma.sql`${value} ORDER BY ${orderBy}` : value);

export const sqlite: Dialect = {
  name: "sqlite",
  jsonAgg: (value, orderBy) => Prisma.sql`json_group_array(${ordered(value, orderBy)})`,
  jsonObject: (fields) => Prisma.sql`json_object(${jsonFields(fields)})`,
  jsonArray: (items) => Prisma.sql`json_array(${Prisma.join(items, ", ")})`,
  // SQLite stores JSON as text, and a subquery's result loses its JSON subtype; json() reads it as JSON.
  jsonValue: (expression) => Prisma.sql`json(${expression})`,
  trim: (text, characters) => Prisma.sql`trim(${text}, ${characters})`,
  // SQLite's LIKE ignores the case of ASCII letters.
  matches: (column, pattern) => Prisma.sql`${column} LIKE ${pattern} ESCAPE '\\'`,
  daysBetween: (later, earlier) => Prisma.sql`(julianday(date(${later})) - julianday(date(${earlier})))`,
  storedDate: (date) => Prisma.sql`${sqliteDate(date)}`,
  yearMonth: (column) => Prisma.sql`substr(${column}, 1, 7)`,
  valuesTable: (rows, columns) => {
    const json = JSON.stringify(rows.map((row) => row.map((cell) => (cell instanceof Date ? sqliteDate(cell) : cell))));
    const picks = columns.map((c, i) => Prisma.raw(`json_extract(j."value", '$[${i}]') AS "${c.name}"`));
    return Prisma.sql`(SELECT ${Prisma.join(picks, ", ")} FROM json_each(${json}) j)`;
  },
  async configure(db) {
    // WAL lets readers run beside the writer; foreign keys are enforced. Per connection.
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
    await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  },
  async optimize(db) {
    await db.$executeRawUnsafe("PRAGMA optimize");
  },
  // SQLite has one writer at a time already.
  async lockAuditChain() {},
  oneSnapshot: undefined,
};

const PG_TYPES: Record<ColumnType, string> = { text: "text", integer: "integer", timestamp: "timestamp(3)", float: "double precision" };
// Any fixed number will do: it names the audit chain's lock among the database's advisory locks.
const AUDIT_CHAIN_LOCK = 727_001;

export const postgres: Dialect = {
  name: "postgres",
  jsonAgg: (value, orderBy) => Prisma.sql`COALESCE(json_agg(${ordered(value, orderBy)}), '[]'::json)`,
  jsonObject: (fields) => Prisma.sql`json_build_object(${jsonFields(fields)})`,
  jsonArray: (items) => Prisma.sql`json_build_array(${Prisma.join(items, ", ")})`,
  jsonValue: (expression) => expression,
  trim: (text, characters) => Prisma.sql`btrim(${text}, ${characters})`,
  matches: (column, pattern) => Prisma.sql`${column} ILIKE ${pattern} ESCAPE '\\'`,
  daysBetween: (later, earlier) => Prisma.sql`(CAST(${later} AS date) - CAST(${earlier} AS date))`,
  storedDate: (date) => Prisma.sql`CAST(${date.toISOString()} AS timestamp(3))`,
  yearMonth: (column) => Prisma.sql`to_char(${column}, 'YYYY-MM')`,
  valuesTable: (rows, columns) => {
    const json = JSON.stringify(rows.map((row) => row.map((cell) => (cell instanceof Date ? cell.toISOString() : cell))));
    const picks = columns.map((c, i) => Prisma.raw(`CAST(j ->> ${i} AS ${PG_TYPES[c.type]}) AS "${c.name}"`));
    return Prisma.sql`(SELECT ${Prisma.join(picks, ", ")} FROM json_array_elements(CAST(${json} AS json)) j)`;
  },
  async configure() {},
  async optimize(db) {
    await db.$executeRawUnsafe("ANALYZE");
  },
  async lockAuditChain(tx) {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  },
  oneSnapshot: "RepeatableRead",
};

/** The dialect of the database a client (or a transaction's client) talks to. */
export function dialectOf(db: Db | Tx): Dialect {
  // Every Prisma client names its provider; a transaction's client forwards it.
  return (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql" ? postgres : sqlite;
}
