import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { getEnv } from "./env.server";

export type Db = InstanceType<typeof PrismaClient>;
/** The client handed to a transaction callback. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** The file path of a `file:` SQLite URL, resolved against the working directory. */
export function sqliteFilePath(url: string): string {
  return path.resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""));
}

/**
 * better-sqlite3 waits for a lock synchronously, blocking its thread: across processes
 * that is the usual busy wait; connections sharing one thread should wait briefly.
 */
export function createPrismaClient(url: string, options: { busyTimeoutMs?: number } = {}): Db {
  const adapter = new PrismaBetterSQLite3({ url: sqliteFilePath(url), timeout: options.busyTimeoutMs ?? 5000 });
  return new PrismaClient({ adapter });
}

/** WAL lets readers run beside the writer; foreign keys are enforced. Per connection. */
export async function configureSqlite(db: Db): Promise<void> {
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
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
 * Another connection held the write lock (SQLITE_BUSY, which Prisma reports as P1008
 * "Operation has timed out") or moved the snapshot on under a deferred transaction.
 */
export function isBusyError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  return code === "P1008" || /SQLITE_BUSY|database is locked|Operation has timed out/i.test(error.message);
}

/**
 * Runs `work`, one whole transaction, again when SQLite says another connection got in the way.
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
