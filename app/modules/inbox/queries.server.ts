// Every raw SQL read of the inbox, in one place: where "what changed since I looked" starts in the
// audit trail, and others' events since then on the projects I own or decide. Portable SQL; rows
// are parsed where they arrive.
import { Prisma } from "~/generated/prisma/client";
import type { Db } from "~/utils/db.server";
import { col, queryOne, queryRows } from "~/utils/rows.server";
import { z } from "zod";

type Me = { id: string };

/**
 * The id of the last audit event at or before `seen`: events are appended in time order, so what
 * changed since is the events after it, read from the newest back (their number, not the trail's).
 */
export async function eventBefore(db: Db, seen: Date): Promise<number> {
  const [row] = await queryRows(
    db,
    z.object({ id: col.number }),
    Prisma.sql`SELECT e."id" FROM "AuditEvent" e WHERE e."at" <= ${seen} ORDER BY e."id" DESC LIMIT 1`,
  );
  return row?.id ?? 0;
}

/**
 * Others' events after event `after` on the projects I own or decide, walked from the events'
 * side: each is checked against my roles through the role index, so the cost follows what changed,
 * not how many projects I decide (a list of project ids also overflowed SQLite's bound
 * parameters for a busy decider; both found by bench:inbox). Portable SQL.
 */
function changesSql(me: Me, after: number, columns: Prisma.Sql, tail: Prisma.Sql = Prisma.empty) {
  return Prisma.sql`SELECT ${columns} FROM "AuditEvent" e
    WHERE e."id" > ${after} AND (e."actorId" IS NULL OR e."actorId" <> ${me.id})
      AND EXISTS (SELECT 1 FROM "ProjectRole" r WHERE r."projectId" = e."projectId" AND r."userId" = ${me.id} AND r."role" IN ('owner', 'decider'))
    ${tail}`;
}

export async function countChanges(db: Db, me: Me, after: number): Promise<number> {
  return (await queryOne(db, z.object({ n: col.number }), changesSql(me, after, Prisma.sql`COUNT(*) AS "n"`))).n;
}

/** The newest `limit` of those events, newest first. */
export function newestChanges(db: Db, me: Me, after: number, limit: number) {
  return queryRows(
    db,
    z.object({ id: col.number, at: col.date, action: col.text, actorId: col.textOrNull, projectId: col.textOrNull }),
    changesSql(me, after, Prisma.sql`e."id", e."at", e."action", e."actorId", e."projectId"`, Prisma.sql`ORDER BY e."id" DESC LIMIT ${limit}`),
  );
}
