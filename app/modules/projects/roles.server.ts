// Project roles: the single-threaded owner, deciders, contributors, people consulted and
// stakeholders. Each change bumps the project's version (a gate reads roles) and refreshes
// its stored gate status, in one audited transaction.
import type { Result } from "~/modules/result";
import { canEditProject, deciderRefusal } from "~/modules/people/authorize";
import { writeAudit } from "~/modules/audit/audit.server";
import { refreshGateStatus, voidLostSignatures } from "~/modules/lifecycle/gate.server";
import type { PROJECT_ROLE_KINDS } from "~/modules/lifecycle/stages";
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
  const project = await tx.project.findUnique({
    where: { id: projectId },
    select: { id: true, proposerId: true, ownerId: true, teamId: true, roles: { select: { userId: true, role: true } } },
  });
  if (!project) return null;
  const gatekeeper = await isGatekeeperOf(tx, actor.id, project.teamId);
  return {
    project,
    gatekeeper,
    // A team's gatekeeper may name deciders on its projects without being on them.
    allowed: canEditProject(actor, { proposerId: project.proposerId, roleUserIds: project.roles.map((r) => r.userId) }),
  };
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
    if (!found.allowed && !(found.gatekeeper && input.role === "decider")) {
      return { ok: false, status: 403, message: "Only the project's people and administrators can change its roles." };
    }
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, name: true, role: true, deactivatedAt: true } });
    if (!user || user.deactivatedAt) return { ok: false, status: 400, field: "userId", message: "Choose a person from the list." };
    if (user.role === "viewer" && (input.role === "owner" || input.role === "decider")) {
      return {
        ok: false,
        status: 400,
        field: "role",
        message: `${user.name} is a viewer and cannot be ${input.role === "owner" ? "the owner" : "a decider"}.`,
      };
    }
    if (input.role === "decider") {
      const refusal = deciderRefusal({ ...actor, gatekeeper: found.gatekeeper }, found.project, user.id);
      if (refusal) {
        await auditRefusal(tx, actor, projectId, "role.refused", { userId: user.id, role: input.role, reason: refusal });
        return { ok: false, status: 403, message: refusal };
      }
    }
    if (input.role === "owner" && found.project.roles.some((r) => r.userId === user.id && r.role === "decider")) {
      return {
        ok: false,
        status: 400,
        field: "userId",
        message: `${user.name} is a decider on this project; an administrator must remove that role before they can own it.`,
      };
    }
    const existing = await tx.projectRole.findUnique({ where: { projectId_userId_role: { projectId, userId: user.id, role: input.role } } });
    if (existing) return { ok: false, status: 400, field: "role", message: `${user.name} already holds this role.` };
    if (input.role === "owner") {
      await tx.projectRole.deleteMany({ where: { projectId, role: "owner" } });
      await tx.project.update({ where: { id: projectId }, data: { ownerId: user.id } });
    }
    const created = await tx.projectRole.create({ data: { projectId, userId: user.id, role: input.role } });
    await writeAudit(tx, {
      actorId: actor.id,
      projectId,
      entity: "project_role",
      entityId: created.id,
      action: "role.assigned",
      data: { userId: user.id, name: user.name, role: input.role, previousOwnerId: input.role === "owner" ? found.project.ownerId : undefined },
    });
    await bump(tx, projectId);
    return { ok: true };
  });
}

export async function removeRole(db: Db, actor: Actor, projectId: string, roleId: string): Promise<RoleResult> {
  return db.$transaction(async (tx) => {
    const found = await editableProject(tx, actor, projectId);
    if (!found) return { ok: false, status: 404, message: "No such project." };
    const role = await tx.projectRole.findFirst({ where: { id: roleId, projectId }, select: { id: true, role: true, userId: true } });
    if (!found.allowed && !(found.gatekeeper && role?.role === "decider")) {
      return { ok: false, status: 403, message: "Only the project's people and administrators can change its roles." };
    }
    if (!role) return { ok: false, status: 404, message: "That role is no longer on the project." };
    const refusal = role.role === "decider" ? deciderRefusal({ ...actor, gatekeeper: found.gatekeeper }, found.project, null) : null;
    if (refusal) {
      const message = refusal;
      await auditRefusal(tx, actor, projectId, "role.refused", { userId: role.userId, role: role.role, reason: message });
      return { ok: false, status: 403, message };
    }
    await tx.projectRole.delete({ where: { id: role.id } });
    if (role.role === "owner") await tx.project.update({ where: { id: projectId }, data: { ownerId: null } });
    await writeAudit(tx, {
      actorId: actor.id,
      projectId,
      entity: "project_role",
      entityId: role.id,
      action: "role.removed",
      data: { userId: role.userId, role: role.role },
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
