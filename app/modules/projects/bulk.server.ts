// Changing a project's team or owner from the table (issue 27, item 4): one row in place, or the
// rows chosen at once. One transaction for all of them; each changed project gets its own audit
// event, version bump and gate refresh, exactly as its own page would make them; a row the person
// may not change, or that may not take the change, is named with the reason and left as it was.
import type { Prisma } from "~/generated/prisma/client";
import { writeAudit } from "~/modules/audit/audit.server";
import { changed } from "~/modules/audit/changes";
import { refreshGateStatus } from "~/modules/lifecycle/gate.server";
import { candidateExclusion, canOnProject, exclusionMessage, whoMay, type Person } from "~/modules/people/authorize";
import { PROJECT_PEOPLE } from "~/modules/people/project-people.server";
import { refuse, type Result } from "~/modules/result";
import type { Db } from "~/utils/db.server";
import { BULK_LIMIT } from "./bulk-form";
import { gatekeeperTeamIds } from "~/modules/teams/teams.server";
import { giveRole } from "./roles.server";

export type BulkChange = { field: "team"; teamId: string | null } | { field: "owner"; ownerId: string };

export type BulkOutcome = { changed: string[]; unchanged: string[]; refused: { key: string; reason: string }[] };

export function changeProjects(db: Db, actor: Person, keys: readonly string[], change: BulkChange): Promise<Result<BulkOutcome>> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return Promise.resolve(refuse(400, "Choose at least one project.", "keys"));
  if (unique.length > BULK_LIMIT) return Promise.resolve(refuse(400, `Change at most ${BULK_LIMIT} projects at once.`, "keys"));
  return db.$transaction(async (tx) => {
    // What the rows change to must exist, before any row is looked at.
    const team =
      change.field === "team" && change.teamId
        ? await tx.team.findFirst({ where: { id: change.teamId, archivedAt: null }, select: { id: true, name: true } })
        : null;
    if (change.field === "team" && change.teamId && !team)
      return refuse(400, "Choose a team from the list: that team does not exist or is archived.", "teamId");
    const owner =
      change.field === "owner"
        ? await tx.user.findFirst({ where: { id: change.ownerId, deactivatedAt: null }, select: { id: true, name: true, role: true } })
        : null;
    if (change.field === "owner" && !owner) return refuse(400, "Choose a person from the list.", "ownerId");

    const projects = await tx.project.findMany({
      where: { key: { in: unique } },
      select: { id: true, key: true, version: true, team: { select: { name: true } }, ...PROJECT_PEOPLE },
    });
    const byKey = new Map(projects.map((p) => [p.key, p]));
    const gatekeeps = actor.role === "member" ? await gatekeeperTeamIds(tx, actor.id) : new Set<string>();
    const outcome: BulkOutcome = { changed: [], unchanged: [], refused: [] };
    let forbidden = 0;
    for (const key of unique) {
      const project = byKey.get(key);
      if (!project) {
        outcome.refused.push({ key, reason: "There is no such project." });
        continue;
      }
      const who = { ...actor, gatekeeper: project.teamId !== null && gatekeeps.has(project.teamId) };
      if (change.field === "team") {
        if (!canOnProject(who, project, "edit_facts")) {
          outcome.refused.push({ key, reason: `Only ${whoMay("edit_facts")} change its team.` });
          forbidden++;
          continue;
        }
        if (project.teamId === (change.teamId ?? null)) {
          outcome.unchanged.push(key);
          continue;
        }
        await tx.project.update({ where: { id: project.id }, data: { teamId: change.teamId, version: { increment: 1 } } });
        await writeAudit(tx, {
          actorId: actor.id,
          projectId: project.id,
          entity: "project",
          entityId: project.id,
          action: "project.updated",
          data: {
            fromVersion: project.version,
            toVersion: project.version + 1,
            changes: [changed("teamId", project.teamId, change.teamId)],
            teams: { before: project.team?.name ?? null, after: team?.name ?? null },
          } as Prisma.InputJsonValue,
        });
      } else {
        if (!canOnProject(who, project, "hand_over")) {
          outcome.refused.push({ key, reason: `Only ${whoMay("hand_over")} hand its ownership over.` });
          forbidden++;
          continue;
        }
        const exclusion = candidateExclusion(actor, project, "owner", owner!);
        if (exclusion === "holds") {
          outcome.unchanged.push(key);
          continue;
        }
        if (exclusion) {
          outcome.refused.push({ key, reason: exclusionMessage(exclusion, owner!.name, "owner") });
          continue;
        }
        await giveRole(tx, actor, project, owner!, "owner");
      }
      outcome.changed.push(key);
    }
    // Nothing the person may change at all: a refusal (403), not a list of refused rows.
    if (forbidden === unique.length) return refuse(403, outcome.refused[0]!.reason);
    if (outcome.changed.length)
      await refreshGateStatus(
        tx,
        projects.filter((p) => outcome.changed.includes(p.key)).map((p) => p.id),
      );
    return { ok: true as const, ...outcome };
  });
}
