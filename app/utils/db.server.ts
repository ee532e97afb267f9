import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresClient } from "~/generated/prisma-postgres/client";
import { isPostgresUrl, sqliteFilePath } from "./database-url";
import { dialectOf } from "./dialect.server";
import { createPgPool } from "./pg-statements.server";
import { getEnv } from "./env.server";

import type { Db } from "./db-types.server";
export type { Db, Tx } from "./db-types.server";

/**
 * A client for a `file:` (SQLite) or `postgres://` URL (decision 42). The PostgreSQL client is
 * generated from prisma/postgres/schema.prisma, which declares the same models (a test holds the
 * two schemas to that), so the app types it as the SQLite one.
 *
 * better-sqlite3 waits for a lock synchronously, blocking its thread: across processes
 * that is the usual busy wait; connections sharing one thread should wait briefly.
 */
export function createPrismaClient(url: string, options: { busyTimeoutMs?: number; poolSize?: number } = {}): Db {
  if (isPostgresUrl(url)) {
    // The pool is the client's own: $disconnect ends it (the adapter leaves a pool it was given open).
    const adapter = new PrismaPg(createPgPool({ connectionString: url, max: options.poolSize ?? 10 }), { disposeExternalPool: true });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  const adapter = new PrismaBetterSQLite3({ url: sqliteFilePath(url), timeout: options.busyTimeoutMs ?? 5000 });
  return new PrismaClient({ adapter });
}

/** What the database needs before the first query (SQLite: WAL, foreign keys; dialect.server.ts). */
export async function configureDatabase(db: Db): Promise<void> {
  await dialectOf(db).configure(db);
}

const g = globalThis as { __gatepathPrisma?: Db };

/** The one shared client (kept across dev rebuilds). */
export const prisma: Db = (g.__gatepathPrisma ??= createPrismaClient(getEnv().DATABASE_URL));

/** True when the database answers a trivial query (readiness). */
export async function databaseAnswers(db: Db = prisma): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

/**
 * Another connection got in the way: in SQLite it held the write lock (SQLITE_BUSY, which Prisma
 * reports as P1008 "Operation has timed out") or moved the snapshot on under a deferred
 * transaction; in PostgreSQL two transactions deadlocked or could not be serialised (P2034).
 */
export function isBusyError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  return (
    code === "P1008" ||
    code === "P2034" ||
    /SQLITE_BUSY|database is locked|Operation has timed out|deadlock detected|could not serialize access/i.test(error.message)
  );
}

/**
 * A transaction that read one snapshot (repeatable read) lost to another that committed first: it
 * may simply run again. PostgreSQL says so (40001, Prisma's P2034), or, for the audit chain, the
 * head it read was no longer the head (its next id or prevHash is taken: P2002 on AuditEvent).
 */
export function isSnapshotConflict(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, meta } = error as { code?: string; meta?: { modelName?: string } };
  if (code === "P2034" || /could not serialize access/i.test(error.message)) return true;
  return code === "P2002" && (meta?.modelName === "AuditEvent" || /AuditEvent/.test(error.message));
}

/**
 * Runs `work`, one whole transaction, again when the database says another connection got in the way.
 * A transaction that read before it wrote cannot wait for the lock (SQLITE_BUSY_SNAPSHOT: its
 * snapshot is stale); it has to start over, which is safe because the failed attempt rolled back.
 * Another process writing to the same file (a cron command, the e2e tests' fixtures) is enough.
 */
export async function retryWhenBusy<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isBusyError(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * attempt));
    }
  }
}
