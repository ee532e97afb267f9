import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { configureSqlite, createPrismaClient, type Db } from "~/utils/db.server";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TMP = path.join(ROOT, "tests", ".tmp");

/** A fresh SQLite file with every migration applied, private to the calling test file. */
export async function createTestDb(): Promise<{ url: string; db: Db; client: () => Db; cleanup: () => Promise<void> }> {
  fs.mkdirSync(TMP, { recursive: true });
  const file = path.join(TMP, `${crypto.randomUUID()}.db`);
  const raw = new Database(file);
  const migrations = path.join(ROOT, "prisma", "migrations");
  for (const dir of fs
    .readdirSync(migrations)
    .filter((d) => fs.statSync(path.join(migrations, d)).isDirectory())
    .sort()) {
    raw.exec(fs.readFileSync(path.join(migrations, dir, "migration.sql"), "utf8"));
  }
  raw.close();
  const url = `file:${file}`;
  const clients: Db[] = [];
  // Every client here shares the test's thread, so lock waits are kept short (see createPrismaClient).
  const client = () => {
    const c = createPrismaClient(url, { busyTimeoutMs: 50 });
    clients.push(c);
    return c;
  };
  const db = client();
  await configureSqlite(db);
  return {
    url,
    db,
    client,
    async cleanup() {
      await Promise.all(clients.map((c) => c.$disconnect()));
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    },
  };
}
