// Saved views of the project table (issue 27, item 4), each person's own: named table queries.
// Every change is one audited transaction; another person's view is not found.
import { writeAudit } from "~/modules/audit/audit.server";
import type { Person } from "~/modules/people/authorize";
import { refuse, type Result } from "~/modules/result";
import type { Db } from "~/utils/db.server";
import { MAX_VIEWS } from "./view-form";

export function listViews(db: Db, userId: string) {
  return db.savedView.findMany({ where: { userId }, orderBy: { name: "asc" }, select: { id: true, name: true, search: true } });
}

export function saveView(db: Db, actor: Person, input: { name: string; search: string }): Promise<Result<{ id: string }>> {
  return db.$transaction(async (tx) => {
    if ((await tx.savedView.count({ where: { userId: actor.id } })) >= MAX_VIEWS)
      return refuse(400, `Keep ${MAX_VIEWS} views at most: delete one first.`, "name");
    const same = await tx.savedView.findUnique({ where: { userId_name: { userId: actor.id, name: input.name } }, select: { id: true } });
    if (same) return refuse(409, `You have a view named "${input.name}" already: choose another name, or delete it first.`, "name");
    const view = await tx.savedView.create({ data: { userId: actor.id, name: input.name, search: input.search }, select: { id: true } });
    await writeAudit(tx, {
      actorId: actor.id,
      entity: "saved_view",
      entityId: view.id,
      action: "view.saved",
      data: { name: input.name, search: input.search },
    });
    return { ok: true as const, id: view.id };
  });
}

export function deleteView(db: Db, actor: Person, viewId: string): Promise<Result<{ name: string }>> {
  return db.$transaction(async (tx) => {
    const view = await tx.savedView.findFirst({ where: { id: viewId, userId: actor.id }, select: { id: true, name: true } });
    if (!view) return refuse(404, "That view is not one of yours, or it was deleted.");
    await tx.savedView.delete({ where: { id: view.id } });
    await writeAudit(tx, { actorId: actor.id, entity: "saved_view", entityId: view.id, action: "view.deleted", data: { name: view.name } });
    return { ok: true as const, name: view.name };
  });
}
