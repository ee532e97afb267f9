import type { Prisma } from "~/generated/prisma/client";
import type { Db, Tx } from "~/utils/db.server";
import { AUDIT_CATEGORIES, type AuditCategory } from "./categories";

export type AuditInput = {
  actorId?: string | null;
  projectId?: string | null;
  entity: string;
  entityId: string;
  action: string;
  data?: Prisma.InputJsonValue;
};

/** Appends an event inside the caller's transaction; the table refuses updates and deletes. */
export async function writeAudit(tx: Tx, event: AuditInput): Promise<void> {
  await tx.auditEvent.create({ data: { ...event, actorId: event.actorId ?? null, projectId: event.projectId ?? null } });
}

export async function writeAuditMany(tx: Tx, events: AuditInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx.auditEvent.createMany({
    data: events.map((e) => ({ ...e, actorId: e.actorId ?? null, projectId: e.projectId ?? null })),
  });
}


/** A project's audit trail, newest first, filtered by category and actor, paged by id. */
export async function listProjectAudit(db: Db, projectId: string, filter: { category?: AuditCategory; actorId?: string; before?: number }, take = 25) {
  const events = await db.auditEvent.findMany({
    where: {
      projectId,
      ...(filter.category ? { entity: { in: [...AUDIT_CATEGORIES[filter.category]] } } : {}),
      ...(filter.actorId ? { actorId: filter.actorId } : {}),
      ...(filter.before ? { id: { lt: filter.before } } : {}),
    },
    orderBy: { id: "desc" },
    take: take + 1,
    select: { id: true, at: true, actorId: true, entity: true, action: true, data: true },
  });
  const ids = [...new Set(events.map((e) => e.actorId).filter((id): id is string => Boolean(id)))];
  const names = new Map((await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return {
    events: events.slice(0, take).map((e) => ({ ...e, actor: e.actorId ? (names.get(e.actorId) ?? "Unknown") : "System" })),
    more: events.length > take ? events[take - 1].id : null,
  };
}

/** Field changes recorded by project edits after `since`, oldest first. */
export async function factChangesSince(db: Db, projectId: string, since: Date) {
  const events = await db.auditEvent.findMany({
    where: { projectId, action: "project.updated", at: { gt: since } },
    orderBy: { id: "asc" },
    select: { data: true },
  });
  return events.flatMap((e) => ((e.data as { changes?: { field: string }[] } | null)?.changes ?? []).map((c) => c.field));
}
