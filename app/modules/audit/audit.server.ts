import { Prisma } from "~/generated/prisma/client";
import type { Db, Tx } from "~/utils/db.server";
import { dialectOf } from "~/utils/dialect.server";
import { chain, type ChainHead } from "./chain";
import { netChanges } from "./changes";
import { chainHeadRow, projectAuditRows, projectChangeData, type ProjectAuditFilter } from "./queries.server";

export type AuditInput = {
  actorId?: string | null;
  projectId?: string | null;
  entity: string;
  entityId: string;
  action: string;
  data?: Prisma.InputJsonValue;
};

/** The last event's id and the last chained event's hash, read in the transaction that extends the chain. */
export async function chainHead(tx: Tx): Promise<ChainHead> {
  // Writers take turns from here to the end of their transactions (SQLite's one writer already does).
  await dialectOf(tx).lockAuditChain(tx);
  // One statement on every audited write.
  const head = await chainHeadRow(tx);
  return { lastId: head.lastId ?? 0, lastHash: head.lastHash };
}

/**
 * Appends events inside the caller's transaction, each chained to the one before (chain.ts):
 * the head is read in the same transaction that extends it, and the unique prevHash refuses a
 * second event on the same head. The table refuses updates and deletes.
 */
export async function writeAuditMany(tx: Tx, events: AuditInput[]): Promise<void> {
  if (events.length === 0) return;
  const at = new Date();
  const rows = chain(
    await chainHead(tx),
    events.map((e) => ({
      at,
      actorId: e.actorId ?? null,
      projectId: e.projectId ?? null,
      entity: e.entity,
      entityId: e.entityId,
      action: e.action,
      data: e.data ?? null,
    })),
  );
  await tx.auditEvent.createMany({ data: rows.map((r) => ({ ...r, data: r.data === null ? Prisma.DbNull : (r.data as Prisma.InputJsonValue) })) });
}

export async function writeAudit(tx: Tx, event: AuditInput): Promise<void> {
  await writeAuditMany(tx, [event]);
}

/** A project's audit trail, newest first, filtered by category and actor, paged by id. */
export async function listProjectAudit(db: Db, projectId: string, filter: ProjectAuditFilter, take = 25) {
  const events = await projectAuditRows(db, projectId, filter, take + 1);
  return {
    events: events.slice(0, take).map(({ actorName, ...e }) => ({ ...e, actor: e.actorId ? (actorName ?? "Unknown") : "System" })),
    more: events.length > take ? events[take - 1].id : null,
  };
}

/**
 * Everything recorded as changed on a project after `since` (facts, roles, plan, metric
 * definitions), each field of each thing once, from its first old value to its last new one.
 */
export async function changesSince(db: Db, projectId: string, since: Date) {
  return netChanges(await projectChangeData(db, projectId, since));
}
