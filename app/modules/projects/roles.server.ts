// Project roles: the single-threaded owner, deciders, contributors, people consulted and
// stakeholders. Each change bumps the project's version (a gate reads roles) and refreshes
// its stored gate status, in one audited transaction.
import { roleGiven } from "~/modules/notifications/events.server";
import type { Result } from "~/modules/result";
import { candidateExclusion, canOnProject, deciderRefusal, exclusionMessage, roleChangeAction, whoMay } from "~/modules/people/authorize";
import { PROJECT_PEOPLE } from "~/modules/people/project-people.server";
import { changed } from "~/modules/audit/changes";
import { writeAudit } from "~/modules/audit/audit.server";
import { refreshGateStatus, voidLostSignatures } from "~/modules/lifecycle/gate.server";
import type { PROJECT_ROLE_KINDS, ProjectRoleKind } from "~/modules/lifecycle/stages";
import { isGatekeeperOf } from "~/modules/teams/teams.server";
import type { Db, Tx } from "~/utils/db.server";

type Actor = { id: string; role: "admin" | "member" | "viewer" };

export type RoleResult = Result;

async function bump(tx: Tx, projectId: string) {
  await tx.project.update({ where: { id: projectId }, data: { version: { increment: 1 } } });
  await refreshGateStatus(tx, [projectId]);
}

/** A refused attempt to change who decides is kept in the trail; nothing else is written. */
async function auditRefusal(tx: Tx, actor: Actor, projectId: string, action: string, data: Record<string, string>) {
  await writeAudit(tx, { actorId: actor.id, projectId, entity: "project_role", entityId: projectId, action, data });
}

async function editableProject(tx: Tx, actor: Actor, projectId: string) {
  const project = await tx.project.findUnique({ where: { id: projectId }, select: { id: true, ...PROJECT_PEOPLE } });
  if (!project) return null;
  return { project, gatekeeper: await isGatekeeperOf(tx, actor.id, project.teamId) };
}

/**
 * Why `actor` may not give or take `role` on the project, or null (the table in authorize.ts):
 * deciders are named by administrators and the team's gatekeepers; the owner role is handed over
 * by the owner or reassigned by a gatekeeper; everyone else is named by the owner or a gatekeeper.
 */
function roleRefusal(actor: Actor, found: NonNullable<Awaited<ReturnType<typeof editableProject>>>, role: ProjectRoleKind) {
  const action = roleChangeAction(role);
  if (action === null) return deciderRefusal({ ...actor, gatekeeper: found.gatekeeper }, found.project, null);
  if (canOnProject({ ...actor, gatekeeper: found.gatekeeper }, found.project, action)) return null;
  return action === "hand_over"
    ? `Only ${whoMay(action)} hand the project's ownership over.`
    : `Only ${whoMay(action)} name or remove its contributors, stakeholders and people consulted.`;
}

/** Gives a person a role; a new owner replaces the previous one and must accept anew. */
export async function assignRole(
  db: Db,
  actor: Actor,
  projectId: string,
  input: { userId: string; role: (typeof PROJECT_ROLE_KINDS)[number] },
): Promise<RoleResult> {
  return db.$transaction(async (tx) => {
    const found = await editableProject(tx, actor, projectId);
    if (!found) return { ok: false, status: 404, message: "No such project." };
    // Whether this person gives this role at all (403); then whether the one they chose may hold it,
    // by the rule the picker offers people by (a 400 naming the field).
    const refusal = roleRefusal(actor, found, input.role);
    if (refusal) {
      await auditRefusal(tx, actor, projectId, "role.refused", { userId: input.userId, role: input.role, reason: refusal });
      return { ok: false, status: 403, message: refusal };
    }
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, name: true, role: true, deactivatedAt: true } });
    if (!user || user.deactivatedAt) return { ok: false, status: 400, field: "userId", message: "Choose a person from the list." };
    const exclusion = candidateExclusion(actor, found.project, input.role, user);
    if (exclusion) {
      const message = exclusionMessage(exclusion, user.name, input.role);
      // Naming oneself, the owner or the proposer a decider would undo the gate's independence: kept in the trail.
      if (input.role === "decider" && exclusion !== "viewer" && exclusion !== "holds") {
        await auditRefusal(tx, actor, projectId, "role.refused", { userId: user.id, role: input.role, reason: message });
      }
      return { ok: false, status: 400, field: "userId", message };
    }
    await giveRole(tx, actor, { id: projectId, ownerId: found.project.ownerId }, user, input.role);
    return { ok: true };
  });
}

/**
 * Gives `user` the role inside the caller's transaction, once it is allowed (assignRole, and the
 * table's inline and bulk owner changes): a new owner replaces the previous one and must accept
 * anew; the audit event keeps the name before and after; the person is told; the version bumps.
 */
export async function giveRole(
  tx: Tx,
  actor: Actor,
  project: { id: string; ownerId: string | null },
  user: { id: string; name: string },
  role: ProjectRoleKind,
) {
  const projectId = project.id;
  if (role === "owner") {
    await tx.projectRole.deleteMany({ where: { projectId, role: "owner" } });
    await tx.project.update({ where: { id: projectId }, data: { ownerId: user.id } });
  }
  const previousOwner = role === "owner" && project.ownerId ? await tx.user.findUnique({ where: { id: project.ownerId }, select: { name: true } }) : null;
  const created = await tx.projectRole.create({ data: { projectId, userId: user.id, role } });
  await writeAudit(tx, {
    actorId: actor.id,
    projectId,
    entity: "project_role",
    entityId: created.id,
    action: "role.assigned",
    data: {
      userId: user.id,
      name: user.name,
      role,
      previousOwnerId: role === "owner" ? project.ownerId : undefined,
      changes: [changed(`role.${role}`, previousOwner?.name ?? null, user.name)],
    },
  });
  await roleGiven(tx, { projectId, userId: user.id, role, actorId: actor.id });
  await bump(tx, projectId);
}

export async function removeRole(db: Db, actor: Actor, projectId: string, roleId: string): Promise<RoleResult> {
  return db.$transaction(async (tx) => {
    const found = await editableProject(tx, actor, projectId);
    if (!found) return { ok: false, status: 404, message: "No such project." };
    const role = await tx.projectRole.findFirst({
      where: { id: roleId, projectId },
      select: { id: true, role: true, userId: true, user: { select: { name: true } } },
    });
    if (!role) return { ok: false, status: 404, message: "That role is no longer on the project." };
    const refusal = roleRefusal(actor, found, role.role);
    if (refusal) {
      await auditRefusal(tx, actor, projectId, "role.refused", { userId: role.userId, role: role.role, reason: refusal });
      return { ok: false, status: 403, message: refusal };
    }
    await tx.projectRole.delete({ where: { id: role.id } });
    if (role.role === "owner") await tx.project.update({ where: { id: projectId }, data: { ownerId: null } });
    await writeAudit(tx, {
      actorId: actor.id,
      projectId,
      entity: "project_role",
      entityId: role.id,
      action: "role.removed",
      data: { userId: role.userId, role: role.role, changes: [changed(`role.${role.role}`, role.user.name, null)] },
    });
    if (role.role === "decider") await voidLostSignatures(tx, actor.id, role.userId, projectId);
    await bump(tx, projectId);
    return { ok: true };
  });
}

/** The owner accepts ownership, or a stakeholder acknowledges the problem: only for themselves. */
export async function acknowledgeRole(db: Db, actor: Actor, projectId: string, roleId: string): Promise<RoleResult> {
  return db.$transaction(async (tx) => {
    const role = await tx.projectRole.findFirst({ where: { id: roleId, projectId }, select: { id: true, role: true, userId: true, acknowledgedAt: true } });
    if (!role) return { ok: false, status: 404, message: "That role is no longer on the project." };
    if (role.userId !== actor.id) return { ok: false, status: 403, message: "Only the person named can accept or acknowledge." };
    if (role.role !== "owner" && role.role !== "stakeholder") return { ok: false, status: 400, message: "Only owners accept and stakeholders acknowledge." };
    if (role.acknowledgedAt) return { ok: true };
    await tx.projectRole.update({ where: { id: role.id }, data: { acknowledgedAt: new Date() } });
    await writeAudit(tx, {
      actorId: actor.id,
      projectId,
      entity: "project_role",
      entityId: role.id,
      action: role.role === "owner" ? "role.owner_accepted" : "role.acknowledged",
    });
    await bump(tx, projectId);
    return { ok: true };
  });
}
