// One change to a project's own records (plan items, metric definitions) with what every such
// change needs: the project exists, the actor is one of its people or an administrator, one
// transaction, an audit event, the project's version bumped and its gate status refreshed.
import type { Refusal } from "~/modules/result";
import { whoMay, type ProjectAction } from "~/modules/people/authorize";
import { mayOnProject, PROJECT_PEOPLE } from "~/modules/people/project-people.server";
import type { Prisma } from "~/generated/prisma/client";
import { writeAudit } from "~/modules/audit/audit.server";
import { refreshGateStatus } from "~/modules/lifecycle/gate.server";
import type { UserRole } from "~/modules/lifecycle/stages";
import type { Db, Tx } from "~/utils/db.server";

export type WriteRefusal = Refusal;

/** Thrown inside a change to refuse it; the transaction rolls back and the refusal is returned. */
export class ProjectRefusal extends Error {
  constructor(readonly result: WriteRefusal) {
    super(result.message);
  }
}

export async function projectWrite(
  db: Db,
  actor: { id: string; role: UserRole },
  projectId: string,
  /** What the change is, in the authorization table: who may make it follows. */
  may: ProjectAction,
  change: (tx: Tx) => Promise<{ id: string; entity: string; action: string; data?: Prisma.InputJsonValue }>,
): Promise<{ ok: true; id: string } | WriteRefusal> {
  try {
    return await db.$transaction(async (tx) => {
      const project = await tx.project.findUnique({ where: { id: projectId }, select: PROJECT_PEOPLE });
      if (!project) throw new ProjectRefusal({ ok: false, status: 404, message: "No such project." });
      if (!(await mayOnProject(tx, actor, project, may))) {
        throw new ProjectRefusal({ ok: false, status: 403, message: `Only ${whoMay(may)} can do this.` });
      }
      const { id, entity, action, data } = await change(tx);
      await writeAudit(tx, { actorId: actor.id, projectId, entity, entityId: id, action, data });
      await tx.project.update({ where: { id: projectId }, data: { version: { increment: 1 } } });
      await refreshGateStatus(tx, [projectId]);
      return { ok: true as const, id };
    });
  } catch (error) {
    if (error instanceof ProjectRefusal) return error.result;
    throw error;
  }
}
