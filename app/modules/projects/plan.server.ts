// Tenets, milestones and the decision log of a project. Every change: an authorization check,
// one transaction, an audit event, the project's version bumped and its gate status refreshed
// (tenets and milestones are gate facts).
import { changed } from "~/modules/audit/changes";
import { mayOwnWork } from "~/modules/people/authorize";
import type { Result } from "~/modules/result";
import type { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import type { Db, Tx } from "~/utils/db.server";
import { MAX_TENETS, type DecisionLogSchema, type MilestoneSchema, type MilestoneStateSchema, type TenetSchema } from "./plan-forms";
import { ProjectRefusal, projectWrite } from "./project-write.server";

type Actor = { id: string; role: "admin" | "member" | "viewer" };

export type PlanResult = Result;

/** Runs a change to a project's plan with the checks and bookkeeping every change needs. */
async function planWrite(
  db: Db,
  actor: Actor,
  projectId: string,
  audit: { entity: string; action: string },
  change: (tx: Tx) => Promise<{ id: string; data?: Prisma.InputJsonValue }>,
): Promise<PlanResult> {
  const result = await projectWrite(db, actor, projectId, "edit_plan", async (tx) => ({
    ...(await change(tx)),
    ...audit,
  }));
  return result.ok ? { ok: true } : result;
}

export function addTenet(db: Db, actor: Actor, projectId: string, input: z.infer<typeof TenetSchema>) {
  return planWrite(db, actor, projectId, { entity: "tenet", action: "tenet.added" }, async (tx) => {
    const count = await tx.tenet.count({ where: { projectId } });
    if (count >= MAX_TENETS)
      throw new ProjectRefusal({ ok: false, status: 400, field: "title", message: `Keep to ${MAX_TENETS} tenets at most; remove one first.` });
    const tenet = await tx.tenet.create({ data: { projectId, position: count + 1, title: input.title, body: input.body, kind: input.kind } });
    return { id: tenet.id, data: { title: input.title, kind: input.kind, changes: [changed("tenet", null, input.title)] } };
  });
}

async function renumber(tx: Tx, projectId: string, orderedIds: string[]) {
  for (const [i, id] of orderedIds.entries()) await tx.tenet.update({ where: { id }, data: { position: i + 1 } });
}

export function removeTenet(db: Db, actor: Actor, projectId: string, tenetId: string) {
  return planWrite(db, actor, projectId, { entity: "tenet", action: "tenet.removed" }, async (tx) => {
    const tenets = await tx.tenet.findMany({ where: { projectId }, orderBy: { position: "asc" }, select: { id: true, title: true } });
    const gone = tenets.find((t) => t.id === tenetId);
    if (!gone) throw new ProjectRefusal({ ok: false, status: 404, message: "That tenet is no longer on the project." });
    await tx.tenet.delete({ where: { id: tenetId } });
    await renumber(
      tx,
      projectId,
      tenets.filter((t) => t.id !== tenetId).map((t) => t.id),
    );
    return { id: tenetId, data: { title: gone.title, changes: [changed("tenet", gone.title, null)] } };
  });
}

/** Moves a tenet one place up the ordered list. */
export function moveTenetUp(db: Db, actor: Actor, projectId: string, tenetId: string) {
  return planWrite(db, actor, projectId, { entity: "tenet", action: "tenet.moved" }, async (tx) => {
    const tenets = await tx.tenet.findMany({ where: { projectId }, orderBy: { position: "asc" }, select: { id: true, title: true } });
    const ids = tenets.map((t) => t.id);
    const i = ids.indexOf(tenetId);
    if (i < 0) throw new ProjectRefusal({ ok: false, status: 404, message: "That tenet is no longer on the project." });
    if (i > 0) [ids[i - 1], ids[i]] = [ids[i], ids[i - 1]];
    await renumber(tx, projectId, ids);
    const title = tenets[i]!.title;
    return { id: tenetId, data: { position: Math.max(1, i), changes: [changed("tenetOrder", `${i + 1}. ${title}`, `${Math.max(1, i)}. ${title}`)] } };
  });
}

export function addMilestone(db: Db, actor: Actor, projectId: string, input: z.infer<typeof MilestoneSchema>) {
  return planWrite(db, actor, projectId, { entity: "milestone", action: "milestone.added" }, async (tx) => {
    const owner = await tx.user.findUnique({ where: { id: input.ownerId }, select: { id: true, role: true, deactivatedAt: true } });
    if (!owner || owner.deactivatedAt || !mayOwnWork(owner)) {
      throw new ProjectRefusal({ ok: false, status: 400, field: "ownerId", message: "Choose an owner from the list (a viewer does not own milestones)." });
    }
    const m = await tx.milestone.create({ data: { projectId, title: input.title, dueDate: input.dueDate, ownerId: owner.id } });
    return {
      id: m.id,
      data: {
        title: input.title,
        dueDate: input.dueDate.toISOString(),
        changes: [changed("milestone", null, `${input.title} (due ${input.dueDate.toISOString().slice(0, 10)})`)],
      },
    };
  });
}

export function setMilestoneState(db: Db, actor: Actor, projectId: string, input: z.infer<typeof MilestoneStateSchema>) {
  return planWrite(db, actor, projectId, { entity: "milestone", action: "milestone.state" }, async (tx) => {
    const m = await tx.milestone.findFirst({ where: { id: input.milestoneId, projectId }, select: { id: true, state: true, title: true } });
    if (!m) throw new ProjectRefusal({ ok: false, status: 404, message: "That milestone is no longer on the project." });
    await tx.milestone.update({ where: { id: m.id }, data: { state: input.state, deliveredAt: input.state === "done" ? new Date() : null } });
    return {
      id: m.id,
      data: {
        from: m.state,
        to: input.state,
        changes: [changed("milestoneState", `${m.title}: ${m.state.replace("_", " ")}`, `${m.title}: ${input.state.replace("_", " ")}`)],
      },
    };
  });
}

export function removeMilestone(db: Db, actor: Actor, projectId: string, milestoneId: string) {
  return planWrite(db, actor, projectId, { entity: "milestone", action: "milestone.removed" }, async (tx) => {
    const gone = await tx.milestone.findFirst({ where: { id: milestoneId, projectId }, select: { title: true } });
    if (!gone) throw new ProjectRefusal({ ok: false, status: 404, message: "That milestone is no longer on the project." });
    await tx.milestone.delete({ where: { id: milestoneId } });
    return { id: milestoneId, data: { changes: [changed("milestone", gone.title, null)] } };
  });
}

/** A decision worth keeping: the door, the options, the choice, who disagreed and committed. */
export function addDecision(db: Db, actor: Actor, projectId: string, input: z.infer<typeof DecisionLogSchema>) {
  return planWrite(db, actor, projectId, { entity: "decision", action: "decision.logged" }, async (tx) => {
    const d = await tx.decision.create({
      data: {
        projectId,
        title: input.title,
        door: input.door,
        options: input.options,
        chosen: input.chosen,
        rationale: input.rationale,
        dissent: input.dissent,
        deciderId: actor.id,
      },
    });
    return {
      id: d.id,
      data: { title: input.title, door: input.door, chosen: input.chosen, changes: [changed("decision", null, `${input.title}: ${input.chosen}`)] },
    };
  });
}
