// Makes the database usable before anything opens it: for SQLite the directory exists and is
// writable; for either database every migration is applied. Failures are one line naming the fix.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { isPostgresUrl, sqliteFilePath } from "~/utils/database-url";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const DEFAULT_DATABASE_URL = "file:./data/gatepath.db";

export function fail(message: string): never {
  console.error(`gatepath: ${message}`);
  process.exit(1);
}

export function run(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) fail(`"${path.basename(command)} ${args.join(" ")}" failed (exit ${result.status ?? result.signal}).`);
}

/** A SQLite file's directory must exist and be writable; only the default one is created for you. */
export function checkDatabaseDirectory(url: string) {
  // PostgreSQL says itself what is wrong with its URL, when the migrations connect.
  if (isPostgresUrl(url)) return;
  if (!url.startsWith("file:")) fail(`DATABASE_URL must be a SQLite "file:" URL or a "postgres://" URL, got "${url}".`);
  const file = sqliteFilePath(url);
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) {
    if (url === DEFAULT_DATABASE_URL) fs.mkdirSync(dir, { recursive: true });
    else fail(`the database directory ${dir} does not exist (from DATABASE_URL); create it or point DATABASE_URL elsewhere.`);
  }
  if (!fs.statSync(dir).isDirectory()) fail(`the database directory ${dir} is not a directory (from DATABASE_URL).`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    if (fs.existsSync(file)) fs.accessSync(file, fs.constants.W_OK);
  } catch {
    fail(`the database directory ${dir} is not writable; fix its permissions or point DATABASE_URL elsewhere.`);
  }
}

/**
 * Whether a SQLite database has every migration of prisma/migrations applied. Prisma's migrate
 * deploy takes SQLite's exclusive lock even when there is nothing to do, which fails while another
 * server process has the file open; so a database that is up to date is not handed to it.
 */
export function sqliteUpToDate(url: string): boolean {
  const file = sqliteFilePath(url);
  if (!fs.existsSync(file)) return false;
  const dir = path.join(ROOT, "prisma", "migrations");
  const wanted = fs.readdirSync(dir).filter((d) => fs.statSync(path.join(dir, d)).isDirectory());
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE "type" = 'table' AND "name" = '_prisma_migrations'`).get();
    if (!table) return false;
    const applied = new Set(
      (
        db.prepare(`SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`).all() as {
          migration_name: string;
        }[]
      ).map((r) => r.migration_name),
    );
    return wanted.every((name) => applied.has(name));
  } finally {
    db.close();
  }
}

export function prepareDatabase() {
  process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;
  const url = process.env.DATABASE_URL;
  checkDatabaseDirectory(url);
  // PostgreSQL's migrate deploy waits its turn on an advisory lock, so several servers may start at once.
  if (url.startsWith("file:") && sqliteUpToDate(url)) return;
  run(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"]);
}

export const BUILD = path.join(ROOT, "build", "index.js");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function buildIfNeeded() {
  const sources = Math.max(
    newestMtime(path.join(ROOT, "app")),
    ...["remix.config.js", "tailwind.config.ts", "package-lock.json", "prisma/schema.prisma", "prisma/postgres/schema.prisma"].map(
      (f) => fs.statSync(path.join(ROOT, f)).mtimeMs,
    ),
  );
  const built = fs.existsSync(BUILD) ? fs.statSync(BUILD).mtimeMs : 0;
  const generated = ["prisma", "prisma-postgres"].every((dir) => fs.existsSync(path.join(ROOT, "app", "generated", dir, "client.ts")));
  if (built >= sources && generated) return;
  console.log("gatepath: building the app (sources changed since the last build)...");
  // Always a production build: it is what npm start serves, and Remix's compiler builds React's
  // development runtime under any other NODE_ENV (Vitest's "test" included), which a production
  // server cannot run.
  run("npm", ["run", "build", "--silent"], { NODE_ENV: "production" });
}
