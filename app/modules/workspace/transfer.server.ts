// Moving a whole workspace between databases (issue 14, item 5): one NDJSON file, documented in
// docs/workspace-file.md. The first line says what the file is and which version of the format;
// then, table by table in the order their references need, a line naming the table and its row
// count, and one line per row with its columns in the schema's order. Nothing in the file depends
// on when or where it was written, so export, import and export again give the same bytes.
import { createHash, type Hash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import canonicalize from "canonicalize";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { Prisma } from "~/generated/prisma/client";
import type { Db } from "~/utils/db.server";

export const FORMAT = "gatepath-workspace";
/** Version 2 ends with a manifest (issue 23); version 1 files, which have none, are refused. */
export const FORMAT_VERSION = 2;

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
  { name: "Retrospective", model: "retrospective", key: ["id"], dates: ["writtenAt", "openedAt", "updatedAt"] },
  { name: "ActionItem", model: "actionItem", key: ["id"], dates: ["dueDate", "doneAt"] },
  { name: "Lesson", model: "lesson", key: ["id"], dates: ["createdAt"] },
  { name: "Tenet", model: "tenet", key: ["id"], dates: [] },
  { name: "Milestone", model: "milestone", key: ["id"], dates: ["dueDate", "deliveredAt", "createdAt"] },
  { name: "Metric", model: "metric", key: ["id"], dates: ["retiredAt", "createdAt"] },
  { name: "MetricLink", model: "metricLink", key: ["inputId", "outputId"], dates: [] },
  { name: "MetricValue", model: "metricValue", key: ["id"], dates: ["periodStart", "createdAt", "updatedAt"] },
  { name: "Annotation", model: "annotation", key: ["id"], dates: ["periodStart", "createdAt"] },
  // A COE's record comes after the metric its impact names.
  { name: "RootCauseCategory", model: "rootCauseCategory", key: ["id"], dates: ["archivedAt", "createdAt"] },
  {
    name: "CoeRecord",
    model: "coeRecord",
    key: ["artifactId"],
    dates: ["startedAt", "detectedAt", "mitigatedAt", "resolvedAt", "reopenedAt", "createdAt", "updatedAt"],
  },
  { name: "CoeRootCause", model: "coeRootCause", key: ["id"], dates: [] },
  { name: "CoeRecurrence", model: "coeRecurrence", key: ["coeId", "earlierId", "categoryId"], dates: ["createdAt"] },
  // A reply comes after its thread: rows in the order they were written.
  { name: "Comment", model: "comment", key: ["createdAt", "id"], dates: ["resolvedAt", "editedAt", "deletedAt", "createdAt"] },
  { name: "CommentMention", model: "commentMention", key: ["commentId", "userId"], dates: ["createdAt", "doneAt"] },
  { name: "ArtifactRead", model: "artifactRead", key: ["artifactId", "userId"], dates: ["readAt"] },
  { name: "UserPreference", model: "userPreference", key: ["userId", "key"], dates: ["updatedAt"] },
  { name: "SavedView", model: "savedView", key: ["id"], dates: ["createdAt"] },
  { name: "ProjectWatch", model: "projectWatch", key: ["userId", "projectId"], dates: ["createdAt"] },
  { name: "NotificationSetting", model: "notificationSetting", key: ["userId", "kind"], dates: [] },
  { name: "WebhookEndpoint", model: "webhookEndpoint", key: ["id"], dates: ["createdAt"], secret: ["secret"], onlyWithSecrets: true },
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

/**
 * The tables deliberately not moved: sign-in sessions, one-time links, staged CSV imports, rate
 * limit counters, job leases, the editor's unsaved drafts, and what was told and sent (each
 * person's notifications and the outbox with its delivery log belong to the installation that
 * sent them; a watch list and email settings are worth moving, see TABLES), and calendar links
 * (their addresses name this installation; each person makes a new one).
 */
export const NOT_MOVED = [
  "Session",
  "UserToken",
  "ValueImport",
  "RateLimit",
  "Lease",
  "ArtifactDraft",
  "Notification",
  "OutboxMessage",
  "DeliveryAttempt",
  "CalendarFeed",
] as const;

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

/** The last line of a file: each table's row count and SHA-256 (over its table line and rows), and the SHA-256 of every byte before this line. */
export type Manifest = { manifest: { tables: { name: string; rows: number; sha256: string }[]; sha256: string } };

/** Writes the workspace in `db` to `file`; password and token hashes only when `secrets`. Returns the header it wrote. */
export async function exportWorkspace(db: Db, file: string, { secrets = false } = {}): Promise<Header> {
  const tables = TABLES.filter((t) => secrets || !("onlyWithSecrets" in t && t.onlyWithSecrets));
  const counts = await Promise.all(tables.map((t) => delegate(db, t.model).count()));
  const header: Header = { format: FORMAT, version: FORMAT_VERSION, secrets, tables: tables.map((t, i) => ({ name: t.name, rows: counts[i]! })) };
  const out = createWriteStream(file);
  const whole = createHash("sha256");
  const manifest: Manifest["manifest"]["tables"] = [];
  let table: Hash | null = null;
  const write = async (line: string, hashed = true) => {
    const text = `${line}\n`;
    if (hashed) {
      whole.update(text);
      table?.update(text);
    }
    if (!out.write(text)) await once(out, "drain");
  };
  try {
    await write(JSON.stringify(header));
    for (const [i, spec] of tables.entries()) {
      table = createHash("sha256");
      await write(JSON.stringify({ table: spec.name, rows: counts[i] }));
      const orderBy = spec.key.map((k) => ({ [k]: "asc" as const }));
      for (let skip = 0; skip < counts[i]!; skip += PAGE) {
        const rows = await delegate(db, spec.model).findMany({ orderBy, take: PAGE, skip });
        for (const row of rows) await write(encode(row, spec, secrets));
      }
      manifest.push({ name: spec.name, rows: counts[i]!, sha256: table.digest("hex") });
      table = null;
    }
    await write(JSON.stringify({ manifest: { tables: manifest, sha256: whole.digest("hex") } } satisfies Manifest), false);
  } finally {
    out.end();
    await once(out, "finish");
  }
  return header;
}

/** A file refused: one line naming the problem (and where it is), nothing written. */
export class ImportRefused extends Error {}

/** The lines of a file, numbered from 1. */
async function* numberedLines(file: string): AsyncGenerator<{ n: number; text: string }> {
  let n = 0;
  for await (const text of createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity })) yield { n: ++n, text };
}

/** The columns a table has in this version of the schema (Prisma's generated field list). */
function columnsOf(spec: TableSpec): Set<string> {
  const fields = (Prisma as unknown as Record<string, Record<string, string> | undefined>)[`${spec.name}ScalarFieldEnum`];
  return new Set(Object.values(fields ?? {}));
}

function parseLine(line: { n: number; text: string }): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line.text);
  } catch {
    throw new ImportRefused(`line ${line.n}: not JSON (the file was changed or cut in the middle of a line).`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new ImportRefused(`line ${line.n}: not a JSON object.`);
  return value as Record<string, unknown>;
}

const isTableLine = (line: Record<string, unknown>) => typeof line.table === "string" && Object.keys(line).length === 2 && typeof line.rows === "number";

/**
 * Reads the whole file once before anything is written (issue 23): its header, every table and
 * row line (JSON, a known table, known columns, the counts its lines say), and its manifest, which
 * must be the last line and match: each table's rows and SHA-256, and the SHA-256 of every byte
 * before it. A file cut short, edited, or reordered is refused naming the line.
 */
async function verifyFile(file: string): Promise<Header> {
  const specs = new Map<string, TableSpec>(TABLES.map((t) => [t.name, t]));
  const whole = createHash("sha256");
  let header: Header | null = null;
  let manifest: { n: number; value: Manifest["manifest"] } | null = null;
  const seen: { name: string; rows: number; sha256: Hash; line: number }[] = [];
  let spec: TableSpec | null = null;
  let columns = new Set<string>();
  let last = 0;
  for await (const line of numberedLines(file)) {
    last = line.n;
    if (manifest) throw new ImportRefused(`line ${line.n}: the file goes on after its manifest (line ${manifest.n}).`);
    if (line.n === 1) {
      header = checkHeader(line.text);
      whole.update(`${line.text}\n`);
      continue;
    }
    const value = parseLine(line);
    if ("manifest" in value) {
      manifest = { n: line.n, value: value.manifest as Manifest["manifest"] };
      continue;
    }
    if (isTableLine(value)) {
      spec = specs.get(value.table as string) ?? null;
      if (!spec) throw new ImportRefused(`line ${line.n}: the file has a table this Gatepath does not know: ${String(value.table)}.`);
      columns = columnsOf(spec);
      seen.push({ name: spec.name, rows: 0, sha256: createHash("sha256"), line: line.n });
    } else {
      if (!spec) throw new ImportRefused(`line ${line.n}: a row before any table line.`);
      const unknown = Object.keys(value).find((column) => !columns.has(column));
      if (unknown !== undefined) throw new ImportRefused(`line ${line.n}: ${spec.name} has no column "${unknown.slice(0, 60)}" in this version.`);
      seen[seen.length - 1]!.rows++;
    }
    const text = `${line.text}\n`;
    whole.update(text);
    seen[seen.length - 1]!.sha256.update(text);
  }
  if (!header) throw new ImportRefused("the file is empty: not a Gatepath workspace file.");
  if (!manifest) throw new ImportRefused(`line ${last}: the file ends before its manifest: it was cut short.`);
  const listed = manifest.value?.tables;
  if (!Array.isArray(listed) || typeof manifest.value.sha256 !== "string")
    throw new ImportRefused(`line ${manifest.n}: the manifest is not in the expected form.`);
  const names = (list: { name: string }[]) => list.map((t) => t.name).join(", ");
  if (names(listed) !== names(seen) || names(header.tables) !== names(seen)) {
    throw new ImportRefused(
      `line ${manifest.n}: the file holds the tables ${names(seen) || "(none)"}, but its manifest lists ${names(listed)}: tables were cut out or added.`,
    );
  }
  for (const [i, table] of seen.entries()) {
    const promised = [header.tables[i]!.rows, listed[i]!.rows];
    if (promised.some((rows) => rows !== table.rows)) {
      throw new ImportRefused(
        `line ${table.line}: ${table.name} has ${table.rows} rows in the file, but its header and manifest say ${promised.join(" and ")}.`,
      );
    }
    if (table.sha256.digest("hex") !== listed[i]!.sha256) {
      throw new ImportRefused(
        `line ${table.line}: the rows of ${table.name} do not match the SHA-256 in the manifest (line ${manifest.n}): the file was changed after it was exported.`,
      );
    }
  }
  if (whole.digest("hex") !== manifest.value.sha256) {
    throw new ImportRefused(`line ${manifest.n}: the file does not match the SHA-256 in its manifest: it was changed after it was exported.`);
  }
  return header;
}

function checkHeader(text: string): Header {
  let value: Record<string, unknown> | null = null;
  try {
    value = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: said below
  }
  if (value?.format !== FORMAT) throw new ImportRefused(`line 1: not a Gatepath workspace file (its first line does not say "format": "${FORMAT}").`);
  if (value.version !== FORMAT_VERSION) {
    throw new ImportRefused(
      `line 1: version ${String(value.version)} of the workspace format; this Gatepath reads version ${FORMAT_VERSION} only${value.version === 1 ? " (version 1 files have no manifest: export again with this Gatepath)" : ""}.`,
    );
  }
  if (!Array.isArray(value.tables)) throw new ImportRefused("line 1: the header lists no tables.");
  return value as unknown as Header;
}

/** The one line of a Prisma or database error worth showing: the argument it names, or its first line. */
function shortReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.reverse().find((l) => /argument|column|constraint|Invalid value|expected/i.test(l)) ?? lines.at(-1) ?? "an error").slice(0, 240);
}

/**
 * Loads `file` into the empty database `db`, all of it or nothing (one transaction), once the
 * whole file has been read and its manifest checked (verifyFile). Refuses a database that already
 * holds a workspace. Every refusal is an ImportRefused of one line naming the line of the file.
 */
export async function importWorkspace(db: Db, file: string): Promise<Header> {
  const header = await verifyFile(file);
  const occupied = [];
  for (const spec of TABLES) if ((await delegate(db, spec.model).count()) > 0) occupied.push(spec.name);
  if (occupied.length) {
    throw new ImportRefused(`The target database is not empty (it has rows in ${occupied.join(", ")}); import into a new database.`);
  }
  const specs = new Map<string, TableSpec>(TABLES.map((t) => [t.name, t]));
  await db.$transaction(
    async (tx) => {
      const into = (spec: TableSpec) => delegate(tx as unknown as Db, spec.model);
      let spec: TableSpec | null = null;
      let batch: { n: number; row: Record<string, unknown> }[] = [];
      const flush = async () => {
        if (!spec || batch.length === 0) return;
        const rows = batch;
        batch = [];
        try {
          await into(spec).createMany({ data: rows.map((r) => r.row) });
        } catch (error) {
          // Prisma checks a row's values before sending anything: one row at a time names the line.
          // (By name: the PostgreSQL client is generated separately, with classes of its own.)
          if (error instanceof Error && error.name === "PrismaClientValidationError") {
            for (const { n, row } of rows) {
              try {
                await into(spec).createMany({ data: [row] });
              } catch (inner) {
                throw new ImportRefused(`line ${n}: a ${spec.name} row does not fit this version: ${shortReason(inner)}`);
              }
            }
          }
          throw new ImportRefused(`lines ${rows[0]!.n}-${rows.at(-1)!.n}: ${spec.name} rows the database refused: ${shortReason(error)}`);
        }
      };
      for await (const line of numberedLines(file)) {
        if (line.n === 1 || line.text === "") continue;
        const value = JSON.parse(line.text) as Record<string, unknown>;
        if ("manifest" in value) break;
        if (isTableLine(value)) {
          await flush();
          spec = specs.get(value.table as string)!;
          continue;
        }
        // A null is left to the column (every nullable column defaults to NULL; Prisma takes no plain null for JSON).
        for (const [column, v] of Object.entries(value)) if (v === null) delete value[column];
        for (const column of spec!.dates) if (typeof value[column] === "string") value[column] = new Date(value[column] as string);
        if (spec!.name === "User" && !("passwordHash" in value)) value.passwordHash = NO_PASSWORD;
        batch.push({ n: line.n, row: value });
        if (batch.length >= 1_000) await flush();
      }
      await flush();
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
  return header;
}
