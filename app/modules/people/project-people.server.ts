// What a Prisma read selects of a project so that authorize.ts can judge who may do what to it
// (its team, owner, proposer and roles), and the one check that also asks whether the person is
// a gatekeeper of its team, only when the action is one a gatekeeper may do.
import { isGatekeeperOf } from "~/modules/teams/teams.server";
import type { Db, Tx } from "~/utils/db.server";
import { canOnProject, PROJECT_ACTIONS, type Capacity, type Person, type ProjectAction, type ProjectPeople } from "./authorize";

/** Spread into a `select`: the row is then a ProjectPeople with its team. */
export const PROJECT_PEOPLE = { teamId: true, ownerId: true, proposerId: true, roles: { select: { userId: true, role: true } } } as const;

/** Whether `actor` may do `action` to the project, counting them a gatekeeper of its team where that matters. */
export async function mayOnProject(db: Db | Tx, actor: Person, project: ProjectPeople & { teamId: string | null }, action: ProjectAction): Promise<boolean> {
  if (canOnProject(actor, project, action)) return true;
  if (actor.role !== "member" || !(PROJECT_ACTIONS[action] as readonly Capacity[]).includes("gatekeeper")) return false;
  return canOnProject({ ...actor, gatekeeper: await isGatekeeperOf(db, actor.id, project.teamId) }, project, action);
}
