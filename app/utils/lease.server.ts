// A lease: a named job that must run in one server process at a time across every process and
// machine on the database (the gate clock). Whoever writes the row while it is free, or already
// holds it, has it until it expires; one upsert, the same SQL on SQLite and PostgreSQL.
import crypto from "node:crypto";
import os from "node:os";
import { Prisma } from "~/generated/prisma/client";
import { z } from "zod";
import type { Db } from "./db.server";
import { col, queryRows } from "./rows.server";

/** This process's name as a lease holder: its host, its pid, and a random part (a pid is reused). */
export const PROCESS_HOLDER = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;

/** Takes (or renews) the lease `name` for `ttlMs` when it is free or already `holder`'s; true when `holder` has it. */
export async function takeLease(db: Db, name: string, holder: string, ttlMs: number, now = Date.now()): Promise<boolean> {
  const rows = await queryRows(
    db,
    z.object({ holder: col.text }),
    Prisma.sql`
    INSERT INTO "Lease" ("name", "holder", "expiresAt") VALUES (${name}, ${holder}, ${BigInt(now + ttlMs)})
    ON CONFLICT ("name") DO UPDATE SET "holder" = excluded."holder", "expiresAt" = excluded."expiresAt"
      WHERE "Lease"."expiresAt" <= ${BigInt(now)} OR "Lease"."holder" = excluded."holder"
    RETURNING "holder"`,
  );
  return rows[0]?.holder === holder;
}
