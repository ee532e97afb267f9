// npm run backup -- --out FILE
// A consistent copy of the SQLite database at DATABASE_URL, taken while the server runs: SQLite's
// online backup (through better-sqlite3) copies it page by page and starts over on the pages a
// write changed meanwhile, so the copy is the database as of one moment. For PostgreSQL, use
// pg_dump (README, "Backups").
import fs from "node:fs";
import path from "node:path";
import { commandLine } from "~/utils/cli.server";
import Database from "better-sqlite3";
import { DEFAULT_DATABASE_URL, fail } from "./prepare";

const USAGE = `npm run backup -- --out FILE
A consistent copy of the SQLite database at DATABASE_URL, taken while the server runs: SQLite's
online backup (through better-sqlite3) copies it page by page and starts over on the pages a
write changed meanwhile, so the copy is the database as of one moment. For PostgreSQL, use
pg_dump (README, "Backups").`;

const { values } = commandLine(USAGE, { options: { out: { type: "string" } } });
if (!values.out) fail("usage: npm run backup -- --out FILE");
const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
if (!url.startsWith("file:")) fail(`npm run backup copies a SQLite database; for ${url.split(":")[0]} use its own tool (pg_dump for PostgreSQL).`);
const file = path.resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""));
if (!fs.existsSync(file)) fail(`there is no database at ${file} (from DATABASE_URL).`);
if (fs.existsSync(values.out)) fail(`${values.out} exists already; choose a new file.`);

const db = new Database(file, { readonly: true, fileMustExist: true });
try {
  const started = performance.now();
  const { totalPages } = await db.backup(values.out);
  const copy = new Database(values.out, { readonly: true });
  const check = copy.pragma("integrity_check", { simple: true });
  copy.close();
  if (check !== "ok") fail(`the copy at ${values.out} failed its integrity check: ${String(check)}`);
  console.log(
    `gatepath: copied ${file} to ${values.out} (${totalPages} pages, ${Math.round(performance.now() - started)} ms); the copy passes its integrity check.`,
  );
} finally {
  db.close();
}
