// The events that reach people (issue 25), one function each, called by the module that makes
// the event inside its transaction: who is told, in which words, where it links, and which
// webhook event it is. Only this file knows both the notification and the webhook side.
import {
  DECISION_NAMES,
  STAGE_NAMES,
  STATUS_NAMES,
  type DecisionKind,
  type ProjectRoleKind,
  type ProjectStatus,
  type StageKey,
} from "~/modules/lifecycle/stages";
import { meetsTarget } from "~/modules/metrics/format";
import type { Tx } from "~/utils/db.server";
import { notify } from "./notify.server";
import { emitWebhook } from "./webhooks.server";

type ProjectRef = { id: string; key: string; title: string };

async function nameOf(tx: Tx, userId: string | null | undefined): Promise<string> {
  if (!userId) return "Gatepath";
  return (await tx.user.findUnique({ where: { id: userId }, select: { name: true } }))?.name ?? "Someone";
}

const projectRef = (tx: Tx, id: string) => tx.project.findUniqueOrThrow({ where: { id }, select: { id: true, key: true, title: true } });

/** A gate review was asked for: the project's deciders are asked to sign; endpoints hear review.requested. */
export async function reviewRequested(tx: Tx, input: { projectId: string; stage: StageKey; actorId: string }): Promise<void> {
  const [project, actor] = await Promise.all([projectRef(tx, input.projectId), nameOf(tx, input.actorId)]);
  const what = `the ${STAGE_NAMES[input.stage]} gate of ${project.key} ${project.title}`;
  await notify(tx, {
    kind: "request",
    title: `${actor} asks you to decide ${what}`,
    href: `/projects/${project.key}#gate`,
    projectId: project.id,
    actorId: input.actorId,
    audience: { projectId: project.id, roles: ["decider"] },
  });
  await emitWebhook(tx, {
    type: "review.requested",
    data: { project: { key: project.key, title: project.title }, stage: input.stage, requestedBy: actor },
    text: `${actor} asked for a review of ${what}.`,
  });
}

/**
 * A gate was decided: everyone on the project and its watchers are told; endpoints hear
 * gate.decided, and stage.changed when the decision moved the project.
 */
export async function gateDecided(
  tx: Tx,
  input: {
    project: ProjectRef;
    stage: StageKey;
    decision: DecisionKind;
    actorId: string;
    rationale: string | null;
    to: { stage: StageKey; status: ProjectStatus };
  },
): Promise<void> {
  const { project } = input;
  const actor = await nameOf(tx, input.actorId);
  const title = `${project.key} ${project.title}: ${DECISION_NAMES[input.decision]} at the ${STAGE_NAMES[input.stage]} gate`;
  await notify(tx, {
    kind: "decision",
    title,
    href: `/projects/${project.key}/history`,
    projectId: project.id,
    actorId: input.actorId,
    audience: { projectId: project.id, owner: true, roles: ["owner", "decider", "contributor", "stakeholder", "consulted"], watchers: true },
  });
  const ref = { key: project.key, title: project.title };
  await emitWebhook(tx, {
    type: "gate.decided",
    data: { project: ref, stage: input.stage, decision: input.decision, decidedBy: actor, rationale: input.rationale, to: input.to },
    text: `${title} (decided by ${actor}).`,
  });
  const moved = input.to.stage !== input.stage || input.to.status !== "active";
  if (moved) {
    await emitWebhook(tx, {
      type: "stage.changed",
      data: { project: ref, from: input.stage, to: input.to },
      text: `${project.key} ${project.title} is now ${input.to.status === "active" ? `at ${STAGE_NAMES[input.to.stage]}` : STATUS_NAMES[input.to.status].toLowerCase()}.`,
    });
  }
}

/** A document's review was asked of someone. */
export async function artifactReviewRequested(
  tx: Tx,
  input: { artifact: { id: string; title: string; projectId: string }; reviewerId: string; actorId: string },
): Promise<void> {
  const actor = await nameOf(tx, input.actorId);
  await notify(tx, {
    kind: "request",
    title: `${actor} asks you to review “${input.artifact.title}”`,
    href: `/artifacts/${input.artifact.id}`,
    projectId: input.artifact.projectId,
    actorId: input.actorId,
    audience: { users: [input.reviewerId] },
  });
}

/**
 * A comment was written: the people it mentions are told so, and the document's author that
 * their document has a comment (unless mentioned already).
 */
export async function commented(
  tx: Tx,
  input: { commentId: string; threadId: string; actorId: string; projectId: string; artifactId: string | null; mentioned: readonly string[] },
): Promise<void> {
  const [actor, artifact, project] = await Promise.all([
    nameOf(tx, input.actorId),
    input.artifactId ? tx.artifact.findUnique({ where: { id: input.artifactId }, select: { id: true, title: true, authorId: true } }) : null,
    projectRef(tx, input.projectId),
  ]);
  const on = artifact ? artifact.title : `${project.key} ${project.title}`;
  const href = `${artifact ? `/artifacts/${artifact.id}` : `/projects/${project.key}/discussion`}?thread=${input.threadId}#comment-${input.commentId}`;
  const mentioned = input.mentioned.filter((id) => id !== input.actorId);
  if (mentioned.length > 0) {
    await notify(tx, {
      kind: "mention",
      title: `${actor} mentioned you on “${on}”`,
      href,
      projectId: project.id,
      actorId: input.actorId,
      audience: { users: mentioned },
    });
  }
  if (artifact && !mentioned.includes(artifact.authorId)) {
    await notify(tx, {
      kind: "comment",
      title: `${actor} commented on your document “${artifact.title}”`,
      href,
      projectId: project.id,
      actorId: input.actorId,
      audience: { users: [artifact.authorId] },
    });
  }
}

const ROLE_WORDS: Record<ProjectRoleKind, string> = {
  owner: "the owner",
  decider: "a decider",
  contributor: "a contributor",
  consulted: "consulted",
  stakeholder: "a stakeholder",
};

/** Someone was given a role on a project (an invitation to take part). */
export async function roleGiven(tx: Tx, input: { projectId: string; userId: string; role: ProjectRoleKind; actorId: string }): Promise<void> {
  const [project, actor] = await Promise.all([projectRef(tx, input.projectId), nameOf(tx, input.actorId)]);
  const asks =
    input.role === "owner" ? " Accept it on the project's People page." : input.role === "stakeholder" ? " Acknowledge the problem on its People page." : "";
  await notify(tx, {
    kind: "role",
    title: `${actor} named you ${ROLE_WORDS[input.role]} of ${project.key} ${project.title}.${asks}`,
    href: `/projects/${project.key}/people`,
    projectId: project.id,
    actorId: input.actorId,
    audience: { users: [input.userId] },
  });
}

/** A project was proposed. */
export async function projectCreated(tx: Tx, input: { projectId: string; actorId: string }): Promise<void> {
  const [project, actor] = await Promise.all([projectRef(tx, input.projectId), nameOf(tx, input.actorId)]);
  await emitWebhook(tx, {
    type: "project.created",
    data: { project: { key: project.key, title: project.title }, proposedBy: actor },
    text: `${actor} proposed ${project.key} ${project.title}.`,
  });
}

/**
 * Values were written: each metric whose newest period got a value off its target is a
 * metric.off_target event. Read only when an endpoint wants that event.
 */
export async function valuesWritten(tx: Tx, rows: readonly { metricId: string; periodStart: Date; value: number | null }[]): Promise<void> {
  const written = rows.filter((r) => r.value !== null);
  if (written.length === 0) return;
  if ((await tx.webhookEndpoint.count({ where: { active: true, events: { contains: ",metric.off_target," } } })) === 0) return;
  const metrics = await tx.metric.findMany({
    where: { id: { in: [...new Set(written.map((r) => r.metricId))] }, target: { not: null } },
    select: {
      id: true,
      name: true,
      target: true,
      direction: true,
      projectId: true,
      values: { orderBy: { periodStart: "desc" }, take: 1, select: { periodStart: true, value: true } },
    },
  });
  for (const m of metrics) {
    const newest = m.values[0];
    if (!newest || m.target === null || !written.some((r) => r.metricId === m.id && r.periodStart.getTime() === newest.periodStart.getTime())) continue;
    if (meetsTarget(newest.value, m.target, m.direction) !== false) continue;
    const project = await projectRef(tx, m.projectId);
    const period = newest.periodStart.toISOString().slice(0, 10);
    await emitWebhook(tx, {
      type: "metric.off_target",
      data: {
        project: { key: project.key, title: project.title },
        metric: { id: m.id, name: m.name },
        value: newest.value,
        target: m.target,
        direction: m.direction,
        period,
      },
      text: `${project.key} ${project.title}: ${m.name} is ${newest.value} for the period from ${period}, off its target of ${m.target}.`,
    });
  }
}
