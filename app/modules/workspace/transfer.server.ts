// Moving a whole workspace between databases (issue 14, item 5): one NDJSON file, documented in
// docs/workspace-file.md. The first line says what the file is and which version of the format;
// then, table by table in the order their references need, a line naming the table and its row
// count, and one line per row with its columns in the schema's order. Nothing in the file depends
// on when or where it was written, so export, import and export again give the same bytes.
import { createReadStream, createWriteStream } from "node:fs";
import canonicalize from "canonicalize";
import { once } from "node:events";
import { createInterface } from "node:readline";
import type { Db } from "~/utils/db.server";

export const FORMAT = "gatepath-workspace";
export const FORMAT_VERSION = 1;

type Delegate = {
  findMany(args: { orderBy: Record<string, "asc">[]; take: number; skip: number }): Promise<Record<string, unknown>[]>;
  createMany(args: { data: Record<string, unknown>[] }): Promise<unknown>;
  count(): Promise<number>;
};

/**
 * Every table a workspace holds, parents before children, with the columns that order its rows
 * (its key) and its date columns (written as ISO strings). `secret` columns are credentials: they
 * are left out unless the export is asked for them, and then a table whose rows would be useless
 * without them is left out whole. Sessions, one-time links and staged imports are not moved.
 */
export const TABLES = [
  { name: "Workspace", model: "workspace", key: ["id"], dates: ["createdAt", "updatedAt"], secret: ["setupTokenHash"] },
  { name: "User", model: "user", key: ["id"], dates: ["deactivatedAt", "createdAt", "updatedAt"], secret: ["passwordHash"] },
  { name: "Team", model: "team", key: ["id"], dates: ["archivedAt", "createdAt"] },
  { name: "TeamMember", model: "teamMember", key: ["id"], dates: ["createdAt"] },
  { name: "PlaybookVersion", model: "playbookVersion", key: ["version"], dates: ["createdAt"] },
  { name: "PlaybookStage", model: "playbookStage", key: ["id"], dates: [] },
  { name: "PlaybookCriterion", model: "playbookCriterion", key: ["id"], dates: [] },
  // Forks point at their parent, which always has the lower number.
  {
    name: "Project",
    model: "project",
    key: ["number"],
    dates: ["launchedAt", "stageEnteredAt", "gateCheckedAt", "revisitAt", "conditionDueAt", "createdAt", "updatedAt"],
  },
  { name: "ProjectRole", model: "projectRole", key: ["id"], dates: ["acknowledgedAt", "createdAt"] },
  { name: "Artifact", model: "artifact", key: ["id"], dates: ["approvedAt", "withdrawnAt", "createdAt", "updatedAt"] },
  { name: "ArtifactVersion", model: "artifactVersion", key: ["id"], dates: ["createdAt"] },
  { name: "ArtifactReview", model: "artifactReview", key: ["id"], dates: ["requestedAt", "decidedAt"] },
  { name: "CoeActionItem", model: "coeActionItem", key: ["id"], dates: ["dueDate", "doneAt"] },
  { name: "GateReview", model: "gateReview", key: ["id"], dates: ["requestedAt", "decidedAt", "revisitDate", "conditionDueDate", "conditionMetAt"] },
  { name: "GateSignature", model: "gateSignature", key: ["id"], dates: ["revisitDate", "conditionDueDate", "signedAt"] },
  { name: "Decision", model: "decision", key: ["id"], dates: ["decidedAt"] },
  { name: "Tenet", model: "tenet", key: ["id"], dates: [] },
  { name: "Milestone", model: "milestone", key: ["id"], dates: ["dueDate", "deliveredAt", "createdAt"] },
  { name: "Metric", model: "metric", key: ["id"], dates: ["retiredAt", "createdAt"] },
  { name: "MetricLink", model: "metricLink", key: ["inputId", "outputId"], dates: [] },
  { name: "MetricValue", model: "metricValue", key: ["id"], dates: ["periodStart", "createdAt", "updatedAt"] },
  { name: "Annotation", model: "annotation", key: ["id"], dates: ["periodStart", "createdAt"] },
  { name: "UserPreference", model: "userPreference", key: ["userId", "key"], dates: ["updatedAt"] },
  { name: "ApiToken", model: "apiToken", key: ["id"], dates: ["createdAt", "lastUsedAt", "revokedAt"], secret: ["tokenHash"], onlyWithSecrets: true },
  { name: "AuditEvent", model: "auditEvent", key: ["id"], dates: ["at"] },
] as const satisfies readonly TableSpec[];

type TableSpec = {
  name: string;
  model: string;
  key: readonly string[];
  dates: readonly string[];
  secret?: readonly string[];
  /** Left out whole when secrets are (an API token is nothing without its hash). */
  onlyWithSecrets?: boolean;
};

/** The tables deliberately not moved: sign-in sessions, one-time links, staged CSV imports, rate limit counters and job leases. */
export const NOT_MOVED = ["Session", "UserToken", "ValueImport", "RateLimit", "Lease"] as const;

/** What stands in for a password hash left out of the file: it matches no password, so the person sets one with a reset link. */
export const NO_PASSWORD = "!not-exported";

const PAGE = 5_000;

type Header = { format: string; version: number; secrets: boolean; tables: { name: string; rows: number }[] };

function delegate(db: Db, model: string): Delegate {
  return (db as unknown as Record<string, Delegate>)[model]!;
}

/**
 * One row as a line: columns in the schema's order, dates as ISO strings, and a JSON column's
 * value in canonical form (RFC 8785), since PostgreSQL's jsonb keeps keys in an order of its own.
 */
function encode(row: Record<string, unknown>, spec: TableSpec, secrets: boolean): string {
  const fields: string[] = [];
  for (const [column, value] of Object.entries(row)) {
    if (!secrets && spec.secret?.includes(column)) continue;
    const text =
      value instanceof Date ? JSON.stringify(value.toISOString()) : value !== null && typeof value === "object" ? canonicalize(value) : JSON.stringify(value);
    fields.push(`${JSON.stringify(column)}:${text!}`);
  }
  return `{${fields.join(",")}}`;
}

/** Writes the workspace in `db` to `file`; password and token hashes only when `secrets`. Returns the header it wrote. */
export async function exportWorkspace(db: Db, file: string, { secrets = false } = {}): Promise<Header> {
  const tables = TABLES.filter((t) => secrets || !("onlyWithSecrets" in t && t.onlyWithSecrets));
  const counts = await Promise.all(tables.map((t) => delegate(db, t.model).count()));
  const header: Header = { format: FORMAT, version: FORMAT_VERSION, secrets, tables: tables.map((t, i) => ({ name: t.name, rows: counts[i]! })) };
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, "drain");
  };
  try {
    await write(JSON.stringify(header));
    for (const [i, spec] of tables.entries()) {
      await write(JSON.stringify({ table: spec.name, rows: counts[i] }));
      const orderBy = spec.key.map((k) => ({ [k]: "asc" as const }));
      for (let skip = 0; skip < counts[i]!; skip += PAGE) {
        const rows = await delegate(db, spec.model).findMany({ orderBy, take: PAGE, skip });
        for (const row of rows) await write(encode(row, spec, secrets));
      }
    }
  } finally {
    out.end();
    await once(out, "finish");
  }
  return header;
}

export class ImportRefused extends Error {}

/**
 * Loads `file` into the empty database `db`, all of it or nothing (one transaction). Refuses a
 * file that is not a workspace file of a version this code reads, a file whose row counts do not
 * match its header, and a database that already holds a workspace.
 */
export async function importWorkspace(db: Db, file: string): Promise<Header> {
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const first = await lines.next();
  let header: Header;
  try {
    header = JSON.parse(first.done ? "" : first.value) as Header;
  } catch {
    throw new ImportRefused(`${file} is not a Gatepath workspace file: its first line is not JSON.`);
  }
  if (header?.format !== FORMAT) throw new ImportRefused(`${file} is not a Gatepath workspace file (its first line does not say "format": "${FORMAT}").`);
  if (header.version !== FORMAT_VERSION) {
    throw new ImportRefused(`${file} is version ${String(header.version)} of the workspace format; this Gatepath reads version ${FORMAT_VERSION} only.`);
  }
  const occupied = [];
  for (const spec of TABLES) if ((await delegate(db, spec.model).count()) > 0) occupied.push(spec.name);
  if (occupied.length) {
    throw new ImportRefused(`The target database is not empty (it has rows in ${occupied.join(", ")}); import into a new database.`);
  }
  const specs = new Map<string, TableSpec>(TABLES.map((t) => [t.name, t]));
  await db.$transaction(
    async (tx) => {
      let spec: TableSpec | null = null;
      let expected = 0;
      let seen = 0;
      let batch: Record<string, unknown>[] = [];
      const flush = async () => {
        if (spec && batch.length) await delegate(tx as unknown as Db, spec.model).createMany({ data: batch });
        batch = [];
      };
      const close = () => {
        if (spec && seen !== expected) throw new ImportRefused(`${spec.name}: the file has ${seen} rows where its header says ${expected}.`);
      };
      for (let next = await lines.next(); !next.done; next = await lines.next()) {
        if (next.value === "") continue;
        const line = JSON.parse(next.value) as Record<string, unknown>;
        if (typeof line.table === "string" && Object.keys(line).length === 2 && "rows" in line) {
          await flush();
          close();
          spec = specs.get(line.table) ?? null;
          if (!spec) throw new ImportRefused(`The file has a table this Gatepath does not know: ${line.table}.`);
          expected = Number(line.rows);
          seen = 0;
          continue;
        }
        if (!spec) throw new ImportRefused("The file has a row before any table line.");
        // A null is left to the column (every nullable column defaults to NULL; Prisma takes no plain null for JSON).
        for (const [column, value] of Object.entries(line)) if (value === null) delete line[column];
        for (const column of spec.dates) if (typeof line[column] === "string") line[column] = new Date(line[column] as string);
        if (spec.name === "User" && !("passwordHash" in line)) line.passwordHash = NO_PASSWORD;
        batch.push(line);
        seen++;
        if (batch.length >= 1_000) await flush();
      }
      await flush();
      close();
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
  return header;
}
