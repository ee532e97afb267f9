import { Prisma } from "~/generated/prisma/client";
import { writeAudit } from "~/modules/audit/audit.server";
import type { Db } from "~/utils/db.server";
import { col, queryRows } from "~/utils/rows.server";
import { z } from "zod";

export async function getPreference(db: Db, userId: string, key: string): Promise<unknown> {
  // Raw: the table reads it on every request (decision 24).
  const [row] = await queryRows(
    db,
    z.object({ value: col.json }),
    Prisma.sql`SELECT p."value" FROM "UserPreference" p WHERE p."userId" = ${userId} AND p."key" = ${key}`,
  );
  return row?.value ?? null;
}

/** Several of the person's preferences in one statement (the root reads two on every page), by key. */
export async function getPreferences(db: Db, userId: string, keys: readonly string[]): Promise<Map<string, unknown>> {
  const rows = await queryRows(
    db,
    z.object({ key: col.text, value: col.json }),
    Prisma.sql`SELECT p."key", p."value" FROM "UserPreference" p WHERE p."userId" = ${userId} AND p."key" IN (${Prisma.join(keys)})`,
  );
  return new Map(rows.map((r) => [r.key, r.value]));
}

/** Saves one preference of the user, audited like every other write. */
export async function setPreference(db: Db, userId: string, key: string, value: Prisma.InputJsonValue): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.userPreference.upsert({ where: { userId_key: { userId, key } }, create: { userId, key, value }, update: { value } });
    await writeAudit(tx, { actorId: userId, entity: "preference", entityId: `${userId}:${key}`, action: "preference.updated", data: { key, value } });
  });
}
