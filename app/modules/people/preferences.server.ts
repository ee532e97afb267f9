import type { Prisma } from "~/generated/prisma/client";
import { writeAudit } from "~/modules/audit/audit.server";
import type { Db } from "~/utils/db.server";

/** Saves one preference of the user, audited like every other write. */
export async function setPreference(db: Db, userId: string, key: string, value: Prisma.InputJsonValue): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.userPreference.upsert({ where: { userId_key: { userId, key } }, create: { userId, key, value }, update: { value } });
    await writeAudit(tx, { actorId: userId, entity: "preference", entityId: `${userId}:${key}`, action: "preference.updated", data: { key, value } });
  });
}
