// The steady-state owner of a project: who runs what it delivered once it is adopted, the fact
// the Done-Done gate reads ("An owner for steady-state operation is named"). Chosen on the
// project page by the project's people and administrators.
import { changed } from "~/modules/audit/changes";
import type { Result } from "~/modules/result";
import type { UserRole } from "~/modules/lifecycle/stages";
import type { Db } from "~/utils/db.server";
import { ProjectRefusal, projectWrite } from "./project-write.server";

export async function setSteadyStateOwner(db: Db, actor: { id: string; role: UserRole }, projectId: string, userId: string | null): Promise<Result> {
  const result = await projectWrite(db, actor, projectId, "edit_facts", async (tx) => {
    const person = userId ? await tx.user.findUnique({ where: { id: userId }, select: { id: true, name: true, role: true, deactivatedAt: true } }) : null;
    if (userId && (!person || person.deactivatedAt)) {
      throw new ProjectRefusal({ ok: false, status: 400, field: "userId", message: "Choose a person from the list: that account is not active." });
    }
    if (person?.role === "viewer") {
      throw new ProjectRefusal({ ok: false, status: 400, field: "userId", message: `${person.name} is a viewer and cannot own a project's operation.` });
    }
    const before = await tx.project.findUnique({ where: { id: projectId }, select: { steadyStateOwner: { select: { name: true } } } });
    await tx.project.update({ where: { id: projectId }, data: { steadyStateOwnerId: person?.id ?? null } });
    return {
      id: projectId,
      entity: "project",
      action: "project.steady_owner",
      data: {
        userId: person?.id ?? null,
        name: person?.name ?? null,
        changes: [changed("steadyStateOwner", before?.steadyStateOwner?.name ?? null, person?.name ?? null)],
      },
    };
  });
  return result.ok ? { ok: true } : result;
}
