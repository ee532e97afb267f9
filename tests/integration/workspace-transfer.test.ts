// Issue 14, item 5: a whole workspace moves as one file, between SQLite files and, when the run has
// a PostgreSQL cluster (TEST_POSTGRES_URL), from SQLite to PostgreSQL and back. On the seeded demo, with
// a token, preferences and a fork added: export, import into an empty database, export again gives
// the same bytes, with and without password hashes; the imported audit chain still verifies and
// people sign in with their own passwords when the hashes came along. A file of an unknown version,
// a file whose rows do not match its header, and a database that is not empty are refused with a
// message that says so, and nothing is written.
import { execFile, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import { promisify } from "node:util";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditTrail } from "~/modules/audit/verify.server";
import { verifyLogin } from "~/modules/people/users.server";
import { exportWorkspace, importWorkspace, NOT_MOVED, TABLES } from "~/modules/workspace/transfer.server";
import { Prisma } from "~/generated/prisma/client";
import { createPrismaClient, type Db } from "~/utils/db.server";
import { createApiToken } from "../factories";
import { removeDb, startServer, tempDbFile, TMP, type RunningServer } from "../setup/server";
import Database from "better-sqlite3";
import { createSqliteTestDb, createTestDb, onPostgres } from "../setup/test-db";

const PASSWORD = "transfer-demo-password";
const ROOT = path.resolve(import.meta.dirname, "../..");
let source: Db;
let sourceFile = "";
let server: RunningServer | null = null;
const files: string[] = [];
const cleanups: (() => Promise<void>)[] = [];

const file = (name: string) => {
  const f = path.join(TMP, `${crypto.randomUUID()}-${name}.ndjson`);
  files.push(f);
  return f;
};

/** The first line where two files differ, or null when they are the same bytes (a diff of megabytes would take minutes). */
function firstDifference(a: string, b: string): string | null {
  const [left, right] = [fs.readFileSync(a, "utf8"), fs.readFileSync(b, "utf8")];
  if (left === right) return null;
  const [l, r] = [left.split("\n"), right.split("\n")];
  const at = l.findIndex((line, i) => line !== r[i]);
  return `line ${at + 1}:\n${l[at]?.slice(0, 400)}\n${r[at]?.slice(0, 400)}`;
}

/** An empty database of this run's kind: SQLite, or PostgreSQL when TEST_POSTGRES_URL is set (the move between the two). */
async function emptyDb() {
  const t = await createTestDb();
  cleanups.push(t.cleanup);
  return t;
}

beforeAll(async () => {
  sourceFile = tempDbFile();
  const started = await startServer({ dbFile: sourceFile, env: { DEMO_PASSWORD: PASSWORD } });
  if (!started.ok) throw new Error(started.output);
  // The server keeps running: the backup is taken from under it.
  server = started.server;
  source = createPrismaClient(`file:${sourceFile}`);
  const admin = await source.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
  await createApiToken(source, admin.id, { name: "transfer" });
  await source.userPreference.create({ data: { userId: admin.id, key: "theme", value: "dark" } });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await source?.$disconnect();
  for (const c of cleanups) await c();
  for (const f of files) fs.rmSync(f, { force: true });
  if (sourceFile) removeDb(sourceFile);
});

describe("moving a workspace", () => {
  it("lists every table of the schema, as moved or deliberately not", () => {
    expect([...TABLES.map((t) => t.name), ...NOT_MOVED].sort()).toEqual(Object.values(Prisma.ModelName).sort());
  });

  it("export, import, export gives the same file, without password hashes; nothing of the demo is lost", async () => {
    const first = file("first");
    const header = await exportWorkspace(source, first);
    expect(header.tables.find((t) => t.name === "MetricValue")!.rows).toBeGreaterThan(100);
    expect(header.tables.map((t) => t.name)).not.toContain("ApiToken");
    expect(fs.readFileSync(first, "utf8")).not.toContain("$argon2");

    const target = await emptyDb();
    await importWorkspace(target.db, first);
    const second = file("second");
    await exportWorkspace(target.db, second);
    expect(firstDifference(second, first)).toBeNull();
    for (const spec of TABLES.filter((t) => t.name !== "ApiToken")) {
      const model = spec.model as "user";
      expect(await target.db[model].count(), spec.name).toBe(await source[model].count());
    }
    const chain = await verifyAuditTrail(target.db);
    expect(chain.events.checked).toBeGreaterThan(100);
    expect(chain.events.firstBreak).toBeNull();
    expect(chain.reviews.firstBreak).toBeNull();
    // Without hashes nobody signs in with an old password.
    expect(await verifyLogin(target.db, "admin@example.com", PASSWORD)).toBeNull();
    if (onPostgres) {
      // And back: PostgreSQL's export, loaded into SQLite, exports the same file again.
      const back = await createSqliteTestDb();
      cleanups.push(back.cleanup);
      await importWorkspace(back.db, second);
      const third = file("third");
      await exportWorkspace(back.db, third);
      expect(firstDifference(third, first)).toBeNull();
      expect((await verifyAuditTrail(back.db)).events.firstBreak).toBeNull();
    }
  }, 90_000);

  it("with --with-passwords the hashes and API tokens come along, and people sign in as before", async () => {
    const first = file("secrets");
    await exportWorkspace(source, first, { secrets: true });
    const target = await emptyDb();
    await importWorkspace(target.db, first);
    const second = file("secrets-again");
    await exportWorkspace(target.db, second, { secrets: true });
    expect(firstDifference(second, first)).toBeNull();
    expect(await verifyLogin(target.db, "admin@example.com", PASSWORD)).toMatchObject({ email: "admin@example.com" });
    expect(await target.db.apiToken.count()).toBe(await source.apiToken.count());
  }, 60_000);

  it("npm run backup copies the database while the server runs, and the copy is whole", async () => {
    const copy = tempDbFile();
    cleanups.push(async () => removeDb(copy));
    // Writes going on meanwhile, through the server's own API.
    const secret = (await createApiToken(source, (await source.user.findUniqueOrThrow({ where: { email: "admin@example.com" } })).id)).secret;
    const metric = await source.metric.findFirstOrThrow({ where: { cadence: "weekly", isRate: false }, select: { id: true } });
    let writing = true;
    let written = 0;
    const writer = (async () => {
      for (let n = 0; writing; n++, written++) {
        const periodStart = new Date(Date.UTC(2002, 0, 7) + n * 7 * 86_400_000).toISOString().slice(0, 10);
        await fetch(`${server!.base}/api/v1/metrics/${metric.id}/values`, {
          method: "POST",
          headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
          body: JSON.stringify({ periodStart, value: n }),
        });
      }
    })();
    // Not spawnSync: the writer above runs in this process and must go on during the copy.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = written;
    const run = await promisify(execFile)("npx", ["tsx", "app/server/backup.ts", "--out", copy], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `file:${sourceFile}` },
    });
    const during = written - before;
    writing = false;
    await writer;
    expect(during, "values written while the copy was taken").toBeGreaterThan(0);
    expect(run.stdout).toContain("the copy passes its integrity check");
    const db = new Database(copy, { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect((db.prepare(`SELECT COUNT(*) AS n FROM "Project"`).get() as { n: number }).n).toBe(await source.project.count());
    db.close();
    // It never overwrites a file.
    const again = spawnSync("npx", ["tsx", "app/server/backup.ts", "--out", copy], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `file:${sourceFile}` },
      encoding: "utf8",
    });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("exists already");
  }, 60_000);

  it("refuses a file of another version, a file cut short or edited, and a database that is not empty; nothing is written (issue 23)", async () => {
    const good = file("good");
    await exportWorkspace(source, good);
    const lines = fs.readFileSync(good, "utf8").split("\n");
    expect(lines.at(-1)).toBe("");
    const manifestAt = lines.length - 1; // 1-based number of the manifest line
    expect(JSON.parse(lines[manifestAt - 1]!)).toMatchObject({ manifest: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const target = await emptyDb();
    const refuses = async (name: string, content: string[], message: string | RegExp) => {
      const f = file(name);
      fs.writeFileSync(f, content.join("\n"));
      await expect(importWorkspace(target.db, f), name).rejects.toThrow(message);
    };
    const lineOf = (table: string) => lines.findIndex((l) => l.startsWith(`{"table":"${table}"`)) + 1;
    /** The file as someone who knows the format would forge it: the manifest written anew for the edited lines. */
    const resigned = (edited: string[]) => {
      const body = edited.slice(0, manifestAt - 1);
      const tables: { name: string; rows: number; sha256: string }[] = [];
      for (const line of body.slice(1)) {
        const parsed = JSON.parse(line) as { table?: string; rows?: number };
        if (parsed.table) tables.push({ name: parsed.table, rows: parsed.rows!, sha256: "" });
      }
      let at = -1;
      const hashes = tables.map(() => crypto.createHash("sha256"));
      for (const line of body.slice(1)) {
        if (line.startsWith('{"table":')) at++;
        hashes[at]!.update(`${line}\n`);
      }
      tables.forEach((t, i) => (t.sha256 = hashes[i]!.digest("hex")));
      const whole = crypto
        .createHash("sha256")
        .update(body.map((l) => `${l}\n`).join(""))
        .digest("hex");
      return [...body, JSON.stringify({ manifest: { tables, sha256: whole } }), ""];
    };

    await refuses(
      "future",
      [JSON.stringify({ ...JSON.parse(lines[0]!), version: 3 }), ...lines.slice(1)],
      "line 1: version 3 of the workspace format; this Gatepath reads version 2 only",
    );
    await refuses("older", [JSON.stringify({ ...JSON.parse(lines[0]!), version: 1 }), ...lines.slice(1)], /version 1 files have no manifest/);
    // Cut at a table boundary (the file imported 1,629 of 9,047 rows and said it loaded them all).
    const cutAt = lineOf("MetricValue");
    await refuses("cut-at-a-table", lines.slice(0, cutAt - 1), `line ${cutAt - 1}: the file ends before its manifest: it was cut short.`);
    // Cut inside a line.
    await refuses("cut-in-a-line", [...lines.slice(0, cutAt), lines[cutAt]!.slice(0, 20)], `line ${cutAt + 1}: not JSON`);
    // The last row dropped, the manifest kept: its counts say so.
    await refuses(
      "row-dropped",
      [...lines.slice(0, manifestAt - 2), ...lines.slice(manifestAt - 1)],
      /^line \d+: AuditEvent has \d+ rows in the file, but its header and manifest say \d+ and \d+\.$/,
    );
    // A viewer edited into an administrator.
    const viewerAt = lines.findIndex((l) => l.includes('"email":"viewer@example.com"'));
    const promoted = lines.map((l, i) => (i === viewerAt ? l.replace('"role":"viewer"', '"role":"admin"') : l));
    expect(promoted[viewerAt]).not.toBe(lines[viewerAt]);
    await refuses(
      "promoted",
      promoted,
      `line ${lineOf("User")}: the rows of User do not match the SHA-256 in the manifest (line ${manifestAt}): the file was changed after it was exported.`,
    );
    // Forged with a new manifest, a row still has to fit the schema: a column it lacks, a value of the wrong type.
    const extra = lines.map((l, i) => (i === viewerAt ? l.replace("{", '{"isRoot":true,') : l));
    await refuses("unknown-column", resigned(extra), `line ${viewerAt + 1}: User has no column "isRoot" in this version.`);
    const wrongType = lines.map((l, i) => (i === viewerAt ? l.replace(/"name":"[^"]*"/, '"name":42') : l));
    await refuses("wrong-type", resigned(wrongType), new RegExp(`^line ${viewerAt + 1}: a User row does not fit this version: .*name`));
    expect(await target.db.user.count()).toBe(0);
    expect(await target.db.project.count()).toBe(0);

    // Through the command, as a person would run it on a new database file: it migrates it and
    // loads the file; a second import is refused with a clear message and a failing exit code.
    const cli = (args: string[], db: string) =>
      spawnSync("npx", ["tsx", "app/server/workspace.ts", ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: `file:${db}` }, encoding: "utf8" });
    const fresh = tempDbFile();
    cleanups.push(async () => removeDb(fresh));
    const ok = cli(["import", "--in", good], fresh);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("nobody can sign in yet: create an administrator");
    const again = cli(["import", "--in", good], fresh);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("The target database is not empty");
    const notAFile = file("not-a-workspace");
    fs.writeFileSync(notAFile, "metric,period,value\n");
    const other = tempDbFile();
    cleanups.push(async () => removeDb(other));
    const refused = cli(["import", "--in", notAFile], other);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("line 1: not a Gatepath workspace file");
    // A bad file through the command: one line naming the problem, no stack, no Prisma dump.
    const forged = file("forged");
    fs.writeFileSync(forged, fs.readFileSync(good, "utf8").replace('"role":"viewer"', '"role":"admin"'));
    const third = tempDbFile();
    cleanups.push(async () => removeDb(third));
    const edited = cli(["import", "--in", forged], third);
    expect(edited.status).toBe(1);
    const said = edited.stderr.split("\n").filter((l) => l.startsWith("gatepath:"));
    expect(said).toEqual([
      expect.stringMatching(/^gatepath: .*forged\.ndjson: line \d+: the rows of User do not match the SHA-256 in the manifest .* Nothing was written\.$/),
    ]);
    expect(edited.stderr).not.toMatch(/^\s+at |PrismaClient|invocation/m);
  }, 120_000);
});
