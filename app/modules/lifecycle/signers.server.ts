// Who may sign a project's gate, read from the database once: its deciders and the administrators,
// active, never its owner or proposer (the rule is people/authorize.ts possibleSigners).
import { possibleSigners, type ProjectPeople } from "~/modules/people/authorize";
import type { Db } from "~/utils/db.server";

export async function gateSigners(db: Db, project: ProjectPeople) {
  const deciderIds = project.roles.filter((r) => r.role === "decider").map((r) => r.userId);
  const people = await db.user.findMany({
    where: { deactivatedAt: null, OR: [{ role: "admin" }, { id: { in: deciderIds } }] },
    select: { id: true, name: true, role: true },
    orderBy: { name: "asc" },
  });
  return possibleSigners(project, people);
}
