import type { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";

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
