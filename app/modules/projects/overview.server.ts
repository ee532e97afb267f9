// What the project page's overview tab shows (routes/projects+/$key._index.tsx): the gate with its
// checklist, what changed since the last decision, the pending review, who may decide and sign,
// the retrospective due and the lessons at this stage, the facts and the forks.
import { gateArtifact } from "~/modules/artifacts/workflow";
import { changesSince } from "~/modules/audit/audit.server";
import { shownChanges } from "~/modules/audit/changes";
import { openReviewThreads } from "~/modules/comments/comments.server";
import { lessonsAtStage } from "~/modules/learning/lessons.server";
import { retrospectiveNote, type RetrospectiveTrigger } from "~/modules/learning/retrospective";
import { retrospectiveDue } from "~/modules/learning/retrospectives.server";
import { diffArtifacts, diffChecklists, type ArtifactSnapshot } from "~/modules/lifecycle/diff";
import type { Evaluation } from "~/modules/lifecycle/evaluate";
import { FACT_FIELD_NAMES } from "~/modules/lifecycle/facts";
import { getGateView, pendingReview } from "~/modules/lifecycle/gate.server";
import { retrospectivesRequired, stageOf } from "~/modules/lifecycle/playbook";
import { quorumWarning, signingRefusal } from "~/modules/lifecycle/quorum";
import { gateSigners } from "~/modules/lifecycle/signers.server";
import { ADOPTION_STAGE } from "~/modules/lifecycle/stages";
import { metricValuesThenAndNow } from "~/modules/metrics/queries.server";
import { can, decisionRights } from "~/modules/people/authorize";
import { listUsers } from "~/modules/people/queries.server";
import { formatDay } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { listTeams } from "./projects.server";
import { peopleOf, userMay, type Editor, type PageProject } from "./project-page.server";

export type OverviewData = Awaited<ReturnType<typeof overviewData>>;

/** Everything the overview shows of `project` to `user`. */
export async function overviewData(user: Editor, project: PageProject) {
  const deciderIds = project.roles.filter((r) => r.role === "decider").map((r) => r.user.id);
  const gate = { project: { status: project.status, ownerId: project.owner?.id ?? null, proposerId: project.proposer?.id ?? null }, deciderIds };
  const [view, pending] = await Promise.all([getGateView(prisma, project.id), pendingReview(prisma, project.id, project.stage, gate)]);
  if (!view) throw notFound();
  const { evaluation, debt, playbook } = view;
  const rights = decisionRights({ ...gate, actor: user });
  const signedAlready = pending ? signingRefusal(pending.signatures, user.id) : null;
  const canEdit = userMay(user, project, "edit_facts");
  const canFork = userMay(user, project, "edit_plan");
  const decided = project.gateReviews.filter((r) => r.decidedAt && r.decision);
  const last = decided[0];
  // What the gate reads of each artifact: its approved version while a newer draft is in the works.
  const current: ArtifactSnapshot[] = project.artifacts
    .map((a) => ({ id: a.id, kind: a.kind, ...gateArtifact(a) }))
    .map(({ id, kind, version, state }) => ({ id, kind, version, state }));
  const [factsChanged, people, metricsThen] = await Promise.all([
    last?.decidedAt ? changesSince(prisma, project.id, last.decidedAt) : Promise.resolve([]),
    canEdit && project.stage === ADOPTION_STAGE ? listUsers(prisma) : Promise.resolve([] as Awaited<ReturnType<typeof listUsers>>),
    last?.decidedAt ? metricValuesThenAndNow(prisma, project.id, last.decidedAt) : Promise.resolve([]),
  ]);
  const sinceLast = last
    ? {
        decision: last.decision!,
        at: last.decidedAt!.toISOString(),
        checklist: last.checklist ? diffChecklists(last.checklist as unknown as Evaluation, evaluation) : null,
        artifacts: diffArtifacts((last.artifactVersions as unknown as ArtifactSnapshot[] | null) ?? [], current),
        // Each fact edited since, with its value then and now (issue 26, item 1); team ids named only when a team changed.
        facts: shownChanges(
          { changes: factsChanged },
          factsChanged.some((c) => c.field === "teamId") ? new Map((await listTeams(prisma)).map((t) => [t.id, t.name])) : undefined,
        ),
        // Each metric's newest value then and now, with its target (issue 26, item 1).
        metrics: metricsThen
          .filter((m) => m.then !== m.now)
          .map((m) => ({
            field: m.id,
            label: `${m.name}${m.target !== null ? ` (target ${m.target})` : ""}`,
            before: m.then === null ? "(no value)" : String(m.then),
            after: m.now === null ? "(no value)" : String(m.now),
          })),
      }
    : null;
  const lastDecision = last ? { decision: last.decision!, condition: last.condition } : null;
  // Learning (issue 26): what a decision here would open, the retrospective a closed project waits
  // for, and the lessons of earlier projects that stopped or recycled at this stage.
  const active = project.status === "active";
  const quorum = stageOf(playbook, project.stage).quorum;
  const [retroDue, lessons, signers] = await Promise.all([
    active ? null : retrospectiveDue(prisma, project.id),
    active ? lessonsAtStage(prisma, { id: project.id, stage: project.stage, teamId: project.teamId }) : [],
    // Whether enough people may sign this gate (issue 27, item 2).
    active ? gateSigners(prisma, peopleOf(project)) : null,
  ]);
  return {
    project: {
      key: project.key,
      stage: project.stage,
      status: project.status,
      version: project.version,
      customer: project.customer,
      conditionDueAt: project.conditionDueAt,
      proposer: project.proposer,
      steadyStateOwner: project.steadyStateOwner,
      forks: project.forks,
      facts: [
        [FACT_FIELD_NAMES.customer, project.customer],
        [FACT_FIELD_NAMES.problem, project.problem],
        [FACT_FIELD_NAMES.whyNow, project.whyNow],
        [FACT_FIELD_NAMES.customerData, project.customerData],
        [FACT_FIELD_NAMES.similarSystems, project.similarSystems],
        [FACT_FIELD_NAMES.feasibilityReview, project.feasibilityReview],
        [FACT_FIELD_NAMES.constraints, project.constraints],
        [FACT_FIELD_NAMES.scopeBoundary, project.scopeBoundary],
        [FACT_FIELD_NAMES.idealEndState, project.idealEndState],
        [FACT_FIELD_NAMES.rollout, project.rollout],
        [FACT_FIELD_NAMES.launchedAt, project.launchedAt ? formatDay(project.launchedAt) : null],
        [FACT_FIELD_NAMES.steadyStateOwner, project.steadyStateOwner?.name ?? null],
      ] as [string, string | null][],
    },
    lastDecision,
    sinceLast,
    retroNote: active ? retrospectiveNote(project.stage, retrospectivesRequired(playbook)) : null,
    retroDue: retroDue && { id: retroDue.id, trigger: retroDue.trigger as RetrospectiveTrigger, mayWrite: userMay(user, project, "write_retrospective") },
    lessons: lessons.map((l) => ({
      id: l.id,
      text: l.text,
      outcome: l.outcome,
      project: { key: l.project.key, title: l.project.title, team: l.project.team?.name ?? null },
    })),
    evaluation,
    debt,
    people,
    // Criteria met by naming the steady-state owner, which is chosen on this page, not in the facts form.
    steadyOwnerCriteria: playbook.stages.flatMap((s) =>
      s.criteria.filter((c) => c.rule === "field_present" && c.params.field === "steadyStateOwner").map((c) => c.key),
    ),
    canDecide: rights.ok && !signedAlready,
    cannotDecideReason: !rights.ok ? rights.message : signedAlready,
    quorum,
    quorumWarning: signers ? quorumWarning(quorum, signers) : null,
    canOverride: can(user.role, "gate:override"),
    canEdit,
    canFork,
    canRequestReview: userMay(user, project, "request_review") && project.status === "active",
    pendingReview: pending ? { ...pending, openThreads: await openReviewThreads(prisma, pending.id) } : null,
  };
}
