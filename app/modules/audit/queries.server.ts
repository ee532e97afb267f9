// Every raw SQL statement of the audit domain, in one place: the chain's head, a project's trail,
// the fact changes of project edits, and the trail in id order for verification. Rows are parsed
// where they arrive.
import { Prisma } from "~/generated/prisma/client";
import type { Db, Tx } from "~/utils/db.server";
import { col, queryOne, queryRows } from "~/utils/rows.server";
import { z } from "zod";
import { AUDIT_CATEGORIES, type AuditCategory } from "./categories";
import type { StoredEvent } from "./chain";

/** The newest event's id and the newest chained event's hash: both walk the primary key from the newest row. */
export function chainHeadRow(tx: Tx) {
  return queryOne(
    tx,
    z.object({ lastId: col.numberOrNull, lastHash: col.textOrNull }),
    Prisma.sql`
    SELECT (SELECT MAX("id") FROM "AuditEvent") AS "lastId",
           (SELECT "hash" FROM "AuditEvent" WHERE "hash" IS NOT NULL ORDER BY "id" DESC LIMIT 1) AS "lastHash"`,
  );
}

export type ProjectAuditFilter = { category?: AuditCategory; actorId?: string; before?: number };

/** Up to `limit` events of a project, newest first, with the actor's name: one statement on the (projectId, id) index. */
export function projectAuditRows(db: Db, projectId: string, filter: ProjectAuditFilter, limit: number) {
  const conditions = [Prisma.sql`e."projectId" = ${projectId}`];
  if (filter.category) conditions.push(Prisma.sql`e."entity" IN (${Prisma.join([...AUDIT_CATEGORIES[filter.category]])})`);
  if (filter.actorId) conditions.push(Prisma.sql`e."actorId" = ${filter.actorId}`);
  if (filter.before) conditions.push(Prisma.sql`e."id" < ${filter.before}`);
  return queryRows(
    db,
    z.object({ id: col.number, at: col.date, actorId: col.textOrNull, entity: col.text, action: col.text, data: col.json, actorName: col.textOrNull }),
    Prisma.sql`
    SELECT e."id", e."at", e."actorId", e."entity", e."action", e."data", u."name" AS "actorName"
    FROM "AuditEvent" e LEFT JOIN "User" u ON u."id" = e."actorId"
    WHERE ${Prisma.join(conditions, " AND ")} ORDER BY e."id" DESC LIMIT ${limit}`,
  );
}

/**
 * The data of a project's recorded changes after `since`, oldest first: its facts, roles, plan
 * and metric definitions (not its moves, which the decision itself made, nor metric values,
 * compared on their own).
 */
export function projectChangeData(db: Db, projectId: string, since: Date) {
  return queryRows(
    db,
    z.object({ entityId: col.text, data: col.json }),
    Prisma.sql`
    SELECT e."entityId", e."data" FROM "AuditEvent" e
    WHERE e."projectId" = ${projectId} AND e."at" > ${since}
      AND e."action" IN (${Prisma.join(CHANGES_SINCE_ACTIONS)})
    ORDER BY e."id"`,
  );
}

const CHANGES_SINCE_ACTIONS = [
  "project.updated",
  "project.steady_owner",
  "role.assigned",
  "role.removed",
  "tenet.added",
  "tenet.removed",
  "milestone.added",
  "milestone.state",
  "milestone.removed",
  "decision.logged",
  "metric.created",
  "metric.updated",
  "metric.retired",
];

const EventRow = z.object({
  id: col.number,
  at: col.date,
  actorId: col.textOrNull,
  projectId: col.textOrNull,
  entity: col.text,
  entityId: col.text,
  action: col.text,
  data: col.json,
  prevHash: col.textOrNull,
  hash: col.textOrNull,
});

/** Up to `limit` whole events in id order after `after`, or from the very first whatever its id (a forged one may be 0 or below) when `after` is null. */
export function eventsAfter(db: Db, after: number | null, limit: number): Promise<StoredEvent[]> {
  return queryRows(
    db,
    EventRow,
    Prisma.sql`
    SELECT "id", "at", "actorId", "projectId", "entity", "entityId", "action", "data", "prevHash", "hash"
    FROM "AuditEvent" ${after === null ? Prisma.empty : Prisma.sql`WHERE "id" > ${after}`} ORDER BY "id" LIMIT ${limit}`,
  );
}

/** The newest chained event and how many events there are: the head an anchor keeps outside the database. */
export async function newestChainedEvent(db: Db): Promise<{ id: number; hash: string; count: number } | null> {
  const row = await queryOne(
    db,
    z.object({ id: col.numberOrNull, hash: col.textOrNull, count: col.number }),
    Prisma.sql`
    SELECT (SELECT "id" FROM "AuditEvent" WHERE "hash" IS NOT NULL ORDER BY "id" DESC LIMIT 1) AS "id",
           (SELECT "hash" FROM "AuditEvent" WHERE "hash" IS NOT NULL ORDER BY "id" DESC LIMIT 1) AS "hash",
           (SELECT count(*) FROM "AuditEvent") AS "count"`,
  );
  return row.id === null || row.hash === null ? null : { id: row.id, hash: row.hash, count: row.count };
}
