import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { configureDatabase, createPrismaClient, type Db } from "~/utils/db.server";
import { createPostgresDatabase, testPostgresUrl } from "./postgres";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TMP = path.join(ROOT, "tests", ".tmp");

export type TestDatabase = { url: string; db: Db; client: () => Db; cleanup: () => Promise<void> };

/** Whether this run's test databases are PostgreSQL (TEST_POSTGRES_URL) rather than SQLite files. */
export const onPostgres = testPostgresUrl() !== null;

/**
 * A fresh database with every migration applied, private to the calling test file: a SQLite
 * file, or a PostgreSQL database when TEST_POSTGRES_URL names a cluster.
 */
export async function createTestDb(): Promise<TestDatabase> {
  const cluster = testPostgresUrl();
  return cluster ? createPostgresTestDb(cluster) : createSqliteTestDb();
}

/** A fresh PostgreSQL database on the cluster `cluster` (an administrator's URL). */
export async function createPostgresTestDb(cluster: string): Promise<TestDatabase> {
  const database = await createPostgresDatabase(cluster);
  const clients: Db[] = [];
  const client = () => {
    const c = createPrismaClient(database.url, { poolSize: 4 });
    clients.push(c);
    return c;
  };
  return {
    url: database.url,
    db: client(),
    client,
    async cleanup() {
      await Promise.all(clients.map((c) => c.$disconnect()));
      await database.drop();
    },
  };
}

/** A fresh SQLite file. */
export async function createSqliteTestDb(): Promise<TestDatabase> {
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
  await configureDatabase(db);
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
