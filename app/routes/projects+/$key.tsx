import { stageColumns } from "~/components/ui/stage-columns";
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { formatDay } from "~/utils/dates";
import { useInstant } from "~/utils/use-time-zone";
import { daysInStage, nextGate } from "~/modules/lifecycle/time-in-stage";
import { useEffect, useState } from "react";
import { z } from "zod";
import { MetBadge, StatusBadge } from "~/components/ui/badges";
import { Button, FieldErrors, SelectField, TextAreaField, TextField, FormErrors } from "~/components/ui/field";
import { DecisionFormSchema, RequestReviewSchema, toDecisionRequest } from "~/modules/lifecycle/decision-form";
import type { Evaluation } from "~/modules/lifecycle/evaluate";
import { FACT_FIELD_NAMES } from "~/modules/lifecycle/facts";
import { applyDecision, closeCondition, getGateView, pendingReview, requestReview } from "~/modules/lifecycle/gate.server";
import { stageOf } from "~/modules/lifecycle/playbook";
import { signingRefusal } from "~/modules/lifecycle/quorum";
import { isGatekeeperOf } from "~/modules/teams/teams.server";
import {
  ADOPTION_STAGE,
  ARTIFACT_KIND_NAMES,
  DECISION_KINDS,
  DECISION_NAMES,
  PROJECT_ROLE_KINDS,
  STAGE_NAMES,
  STAGES,
  STATUS_NAMES,
  stageDefinition,
  stageIndex,
  type DecisionKind,
  type StageKey,
} from "~/modules/lifecycle/stages";
import { listUsers } from "~/modules/people/users.server";
import { overdueFlag } from "~/modules/projects/list.server";
import { factChangesSince, listProjectAudit } from "~/modules/audit/audit.server";
import { AUDIT_CATEGORY_KEYS, type AuditCategory } from "~/modules/audit/categories";
import { diffArtifacts, diffChecklists, type ArtifactSnapshot } from "~/modules/lifecycle/diff";
import { stagePath } from "~/modules/lifecycle/path";
import { AssignRoleSchema, RoleRefSchema, SteadyOwnerSchema } from "~/modules/projects/role-form";
import { setSteadyStateOwner } from "~/modules/projects/steady-owner.server";
import { useIntentForm } from "~/components/ui/intent-form";
import { redirectWithToast } from "~/utils/toast.server";
import { acknowledgeRole, assignRole, removeRole, type RoleResult } from "~/modules/projects/roles.server";
import { can, canEditProject, canRequestGateReview, deciderRefusal, decisionRights } from "~/modules/people/authorize";
import { DecisionLogSchema, MilestoneSchema, MilestoneStateSchema, RemoveSchema, TenetSchema } from "~/modules/projects/plan-forms";
import {
  addDecision,
  addMilestone,
  addTenet,
  getPlan,
  moveTenetUp,
  removeMilestone,
  removeTenet,
  setMilestoneState,
  type PlanResult,
} from "~/modules/projects/plan.server";
import { ForkSchema } from "~/modules/projects/project-form";
import { PlanSections } from "./__plan-sections";
import { headlineMetric } from "~/modules/metrics/headline.server";
import { formatMetricValue, meetsTarget } from "~/modules/metrics/format";
import { CHART } from "~/components/charts/theme";
import { Sparkline } from "~/components/charts/lazy-charts";

import { ArtifactChecklist } from "./__artifact-checklist";
import { artifactChecklist } from "~/modules/artifacts/checklist";
import { gateArtifact } from "~/modules/artifacts/workflow";
import { forkProject, getProjectByKey } from "~/modules/projects/projects.server";
import { requireUser, requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { intentOf, submitIntent } from "~/utils/intent.server";
import { answerRefusal, badRequest, forbidden, notFound, refusalResponse } from "~/utils/http.server";
import { Section } from "~/components/ui/section";

const KeySchema = z.string().regex(/^GP-\d{1,9}$/);

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const AuditQuery = z.object({
  log: z.preprocess(blankToUndefined, z.enum(AUDIT_CATEGORY_KEYS).optional()),
  by: z.preprocess(blankToUndefined, z.string().max(40).optional()),
  before: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.project.key} ${data.project.title} · Gatepath` : "Project · Gatepath" },
];

async function findProject(key: string | undefined) {
  const parsed = KeySchema.safeParse(key);
  const project = parsed.success ? await getProjectByKey(prisma, parsed.data) : null;
  if (!project) throw notFound(`There is no project ${key ?? ""}.`);
  return project;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const project = await findProject(params.key);
  const view = await getGateView(prisma, project.id);
  if (!view) throw notFound();
  const { evaluation, debt, playbook } = view;
  const deciderIds = project.roles.filter((r) => r.role === "decider").map((r) => r.user.id);
  const [pending, gatekeeper] = await Promise.all([pendingReview(prisma, project.id, project.stage), isGatekeeperOf(prisma, user.id, project.teamId)]);
  const quorum = stageOf(playbook, project.stage).quorum;
  const rights = decisionRights({
    project: { status: project.status, ownerId: project.owner?.id ?? null, proposerId: project.proposer?.id ?? null },
    deciderIds,
    actor: user,
  });
  const signedAlready = pending ? signingRefusal(pending.signatures, user.id) : null;
  const now = new Date();
  const canEdit = canEditProject(user, { proposerId: project.proposer?.id ?? null, roleUserIds: project.roles.map((r) => r.user.id) });
  // Deciders are named by administrators and the team's gatekeepers, never by the people doing the work (roles.server).
  const canNameDeciders =
    deciderRefusal({ ...user, gatekeeper }, { ownerId: project.owner?.id ?? null, proposerId: project.proposer?.id ?? null }, null) === null;
  const expectedDays = playbook.stages.find((s) => s.stage === project.stage)?.expectedDays ?? null;
  const overdue = overdueFlag(project, now);
  // Page 0's next gate date: a Hold's revisit date, an open condition's due date, or when the stage is expected to end.
  const gate = project.status === "active" ? nextGate(project, expectedDays, now) : null;
  const search = new URL(request.url).searchParams;
  const auditQuery = AuditQuery.safeParse({ log: search.get("log"), by: search.get("by"), before: search.get("before") });
  if (!auditQuery.success) throw badRequest(`Audit filter: ${auditQuery.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  const decided = project.gateReviews.filter((r) => r.decidedAt && r.decision);
  const last = decided[0];
  // What the gate reads of each artifact: its approved version while a newer draft is in the works.
  const current: ArtifactSnapshot[] = project.artifacts
    .map((a) => ({ id: a.id, kind: a.kind, ...gateArtifact(a) }))
    .map(({ id, kind, version, state }) => ({ id, kind, version, state }));
  const checklist = artifactChecklist({ playbook, stage: project.stage, results: view.byStage, artifacts: project.artifacts });
  const [audit, factsChanged, plan, headline] = await Promise.all([
    listProjectAudit(prisma, project.id, { category: auditQuery.data.log, actorId: auditQuery.data.by, before: auditQuery.data.before }),
    last?.decidedAt ? factChangesSince(prisma, project.id, last.decidedAt) : Promise.resolve([]),
    getPlan(prisma, project.id),
    headlineMetric(prisma, project.id),
  ]);
  const path = stagePath(
    project.createdAt,
    decided.map((r) => ({ stage: r.stage, decision: r.decision!, decidedAt: r.decidedAt!, recycleTo: r.recycleTo })),
    now,
    { stage: project.stage, closed: project.status === "stopped" || project.status === "done", enteredAt: project.stageEnteredAt },
  );
  const sinceLast = last
    ? {
        decision: last.decision!,
        at: last.decidedAt!.toISOString(),
        checklist: last.checklist ? diffChecklists(last.checklist as unknown as Evaluation, evaluation) : null,
        artifacts: diffArtifacts((last.artifactVersions as unknown as ArtifactSnapshot[] | null) ?? [], current),
        facts: [...new Set(factsChanged)],
      }
    : null;
  return json({
    plan,
    path,
    checklist,
    headline,
    sinceLast,
    audit,
    auditFilter: auditQuery.data,
    project: {
      ...project,
      daysInStage: daysInStage(project.stageEnteredAt, now),
      // Only what the history shows of each snapshot goes to the page.
      gateReviews: project.gateReviews.map(({ checklist, artifactVersions: _artifacts, ...r }) => {
        const snap = checklist as unknown as Evaluation | null;
        return {
          ...r,
          checklist: snap
            ? { mustMet: snap.mustMet, mustTotal: snap.mustTotal, criteria: snap.criteria.map((c) => ({ key: c.key, label: c.label, met: c.met })) }
            : null,
        };
      }),
    },
    userId: user.id,
    evaluation,
    debt,
    expectedDays,
    overdue: overdue ? { kind: overdue.kind, date: overdue.date.toISOString() } : null,
    nextGateDate: gate?.date.toISOString() ?? null,
    nextGateOverdue: gate?.overdue ?? false,
    people: canEdit || canNameDeciders ? await listUsers(prisma) : [],
    // Criteria met by naming the steady-state owner, which is chosen on this page, not in the facts form.
    steadyOwnerCriteria: playbook.stages.flatMap((s) =>
      s.criteria.filter((c) => c.rule === "field_present" && c.params.field === "steadyStateOwner").map((c) => c.key),
    ),
    canDecide: rights.ok && !signedAlready,
    cannotDecideReason: !rights.ok ? rights.message : signedAlready,
    quorum,
    canOverride: can(user.role, "gate:override"),
    canEdit,
    canNameDeciders,
    canRequestReview:
      canRequestGateReview(user, { proposerId: project.proposer?.id ?? null, roleUserIds: project.roles.map((r) => r.user.id) }) && project.status === "active",
    pendingReview: pending,
  });
}

type Editor = { id: string; role: "admin" | "member" | "viewer" };

/** One plan form: its schema and the module call it makes, typed together (no casts). */
function planForm<S extends z.ZodTypeAny>(schema: S, run: (user: Editor, projectId: string, value: z.infer<S>) => Promise<PlanResult>) {
  return { schema, run };
}

/** What each plan form did, said after it. */
const PLAN_DONE: Record<string, string> = {
  add_tenet: "Tenet added.",
  add_milestone: "Milestone added.",
  milestone_state: "Milestone updated.",
  add_decision: "Decision recorded in the log.",
  remove_tenet: "Tenet removed.",
  move_tenet_up: "Tenet moved up.",
  remove_milestone: "Milestone removed.",
};

const PLAN_FORMS = {
  add_tenet: planForm(TenetSchema, (user, projectId, v) => addTenet(prisma, user, projectId, v)),
  add_milestone: planForm(MilestoneSchema, (user, projectId, v) => addMilestone(prisma, user, projectId, v)),
  milestone_state: planForm(MilestoneStateSchema, (user, projectId, v) => setMilestoneState(prisma, user, projectId, v)),
  add_decision: planForm(DecisionLogSchema, (user, projectId, v) => addDecision(prisma, user, projectId, v)),
  remove_tenet: planForm(RemoveSchema, (user, projectId, v) => removeTenet(prisma, user, projectId, v.id)),
  move_tenet_up: planForm(RemoveSchema, (user, projectId, v) => moveTenetUp(prisma, user, projectId, v.id)),
  remove_milestone: planForm(RemoveSchema, (user, projectId, v) => removeMilestone(prisma, user, projectId, v.id)),
};
type PlanIntent = keyof typeof PLAN_FORMS;

/** The project's people and administrators change its roles, plan and scope; checked before what they sent. */
function requireEditor(user: Editor, project: Awaited<ReturnType<typeof findProject>>) {
  if (!canEditProject(user, { proposerId: project.proposer?.id ?? null, roleUserIds: project.roles.map((r) => r.user.id) })) {
    throw forbidden("Only the project's people and administrators can change this.");
  }
}

/** The project a change to its roles, plan or scope is for, once its sender may make one. */
async function editableProject(request: Request, key: string | undefined, user: Editor) {
  await requireUserWithPermission(request, "project:write");
  const project = await findProject(key);
  requireEditor(user, project);
  return project;
}

/** What every intent's function gets: the request, the project's key, the form and who sent it. */
type IntentArgs = { request: Request; key: string | undefined; form: FormData; user: Editor; intent: string };

/** A review request names the unmet must-meet criteria and is sent anyway only when confirmed. */
async function requestReviewAction({ request, key, form, user }: IntentArgs) {
  await requireUserWithPermission(request, "gate:request");
  const project = await findProject(key);
  const submission = parseWithZod(form, { schema: RequestReviewSchema });
  if (submission.status !== "success") return json({ review: submission.reply() }, { status: 400 });
  const result = await requestReview(prisma, { projectId: project.id, actor: user, confirmed: submission.value.confirm === true });
  if (!result.ok) return answerRefusal(result, (errors) => ({ review: submission.reply(errors) }));
  return redirectWithToast(
    `/projects/${project.key}#gate`,
    result.created ? "Gate review requested: it is in each decider's My work." : "A review of this gate was already requested.",
    { kind: result.created ? "success" : "info" },
  );
}

/**
 * Roles are changed by the project's people, administrators and the team's gatekeepers (who name
 * deciders without being on the project); checked before what they sent, and the module decides
 * which role each may give.
 */
async function requireRoleManager(request: Request, key: string | undefined, user: Editor) {
  await requireUserWithPermission(request, "project:write");
  const project = await findProject(key);
  const onProject = canEditProject(user, { proposerId: project.proposer?.id ?? null, roleUserIds: project.roles.map((r) => r.user.id) });
  if (!onProject && !(await isGatekeeperOf(prisma, user.id, project.teamId))) throw forbidden("Only the project's people and administrators can change this.");
  return project;
}

async function assignRoleAction({ request, key, form, user }: IntentArgs) {
  const project = await requireRoleManager(request, key, user);
  const submission = parseWithZod(form, { schema: AssignRoleSchema });
  if (submission.status !== "success") return json({ roles: submission.reply() }, { status: 400 });
  const result = await assignRole(prisma, user, project.id, submission.value);
  if (!result.ok) return answerRefusal({ ...result, field: result.field ?? "userId" }, (errors) => ({ roles: submission.reply(errors) }));
  return redirectWithToast(`/projects/${project.key}#roles`, `${ROLE_NAMES[submission.value.role]} added.`);
}

/** Removing a role (the project's people) or acknowledging one's own (anyone named, viewers included). */
async function roleRefAction({ request, key, form, user, intent }: IntentArgs) {
  const project =
    intent === "acknowledge_role"
      ? (await requireUserWithPermission(request, "project:read"), await findProject(key))
      : await requireRoleManager(request, key, user);
  const submission = parseWithZod(form, { schema: RoleRefSchema });
  if (submission.status !== "success") throw badRequest("Unknown role.");
  const { roleId } = submission.value;
  const result: RoleResult =
    intent === "remove_role" ? await removeRole(prisma, user, project.id, roleId) : await acknowledgeRole(prisma, user, project.id, roleId);
  if (!result.ok) throw refusalResponse(result);
  return redirectWithToast(`/projects/${project.key}#roles`, intent === "remove_role" ? "Role removed." : "Thank you: recorded.");
}

async function planAction({ request, key, form, user, intent }: IntentArgs) {
  const project = await editableProject(request, key, user);
  const planIntent = intent as PlanIntent;
  const { schema, run } = PLAN_FORMS[planIntent] as ReturnType<typeof planForm<z.ZodTypeAny>>;
  const submission = parseWithZod(form, { schema });
  if (submission.status !== "success") return json({ plan: { intent: planIntent, result: submission.reply() } }, { status: 400 });
  const result = await run(user, project.id, submission.value);
  if (!result.ok)
    return answerRefusal({ ...result, field: result.field ?? "title" }, (errors) => ({ plan: { intent: planIntent, result: submission.reply(errors) } }));
  return redirectWithToast(
    `/projects/${project.key}#${planIntent.includes("tenet") ? "tenets" : planIntent.includes("milestone") ? "milestones" : "decision-log"}`,
    PLAN_DONE[planIntent],
  );
}

async function closeConditionAction({ request, key, user }: IntentArgs) {
  await requireUserWithPermission(request, "gate:decide");
  const project = await findProject(key);
  const result = await closeCondition(prisma, { projectId: project.id, actor: user });
  if (!result.ok) throw refusalResponse(result);
  return redirectWithToast(`/projects/${project.key}#gate`, "Condition marked met.");
}

async function forkAction({ request, key, form, user }: IntentArgs) {
  const project = await editableProject(request, key, user);
  const submission = parseWithZod(form, { schema: ForkSchema });
  if (submission.status !== "success") return json({ fork: submission.reply() }, { status: 400 });
  const result = await forkProject(prisma, user, project.id, submission.value);
  if (!result.ok) return answerRefusal({ ...result, field: undefined }, (errors) => ({ fork: submission.reply(errors) }));
  return redirectWithToast(`/projects/${result.key}`, `Forked into ${result.key}, linked to ${project.key}.`);
}

async function steadyOwnerAction({ request, key, form, user, intent }: IntentArgs) {
  const project = await editableProject(request, key, user);
  return submitIntent(form, intent, SteadyOwnerSchema, (v) => setSteadyStateOwner(prisma, user, project.id, v.userId));
}

async function decideAction({ request, key, form, user }: IntentArgs) {
  await requireUserWithPermission(request, "gate:decide");
  const project = await findProject(key);
  const submission = parseWithZod(form, { schema: DecisionFormSchema });
  if (submission.status !== "success") return json({ decision: submission.reply() }, { status: 400 });
  const result = await applyDecision(prisma, {
    projectId: project.id,
    expectedVersion: submission.value.version,
    actor: user,
    request: toDecisionRequest(submission.value),
  });
  const kind = DECISION_NAMES[submission.value.kind];
  if (result.ok && !result.applied) {
    return redirectWithToast(
      `/projects/${project.key}#gate`,
      `Your signature for ${kind} is recorded: ${result.signed} of the ${result.quorum} deciders the gate needs have signed it.`,
    );
  }
  if (result.ok) {
    const moved =
      result.status !== project.status
        ? ` The project is now ${STATUS_NAMES[result.status as keyof typeof STATUS_NAMES].toLowerCase()}.`
        : result.stage !== project.stage
          ? ` It is now at ${STAGE_NAMES[result.stage as StageKey]}.`
          : "";
    return redirectWithToast(`/projects/${project.key}#gate`, `${kind} recorded at ${STAGE_NAMES[project.stage]}.${moved}`);
  }
  return answerRefusal(result, (errors) => ({ decision: submission.reply(errors) }));
}

/** Every intent the project page's forms send, each to its own function (Epic Stack's profile page is the model). */
const INTENTS = {
  request_review: requestReviewAction,
  assign_role: assignRoleAction,
  remove_role: roleRefAction,
  acknowledge_role: roleRefAction,
  ...(Object.fromEntries(Object.keys(PLAN_FORMS).map((k) => [k, planAction])) as Record<PlanIntent, typeof planAction>),
  close_condition: closeConditionAction,
  fork: forkAction,
  steady_owner: steadyOwnerAction,
  decide: decideAction,
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = intentOf(form, INTENTS);
  return INTENTS[intent]({ request, key: params.key, form, user, intent });
}

/** A calendar date (due, revisit, gate, launch dates; periods): the day it is, in every zone. */
function day(iso: string | null | undefined) {
  return iso ? formatDay(iso) : "";
}

/** Instants (decisions, signatures, acknowledgements) in the person's zone. */
function useOn() {
  const instant = useInstant();
  return (iso: string | null | undefined) => (iso ? instant(iso) : "");
}

export default function ProjectPage() {
  const on = useOn();
  const {
    project,
    checklist,
    headline,
    evaluation,
    debt,
    expectedDays,
    overdue,
    nextGateDate,
    nextGateOverdue,
    path,
    sinceLast,
    canDecide,
    cannotDecideReason,
    canOverride,
    canEdit,
    canRequestReview,
    pendingReview,
    quorum,
    plan,
    people,
    steadyOwnerCriteria,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const fixLink = (rule: string, key: string) =>
    !canEdit
      ? null
      : steadyOwnerCriteria.includes(key)
        ? { to: "#steady-owner", label: "Name the owner" }
        : rule === "field_present"
          ? { to: `/projects/${project.key}/edit`, label: "Edit facts" }
          : ["stakeholders_acknowledged", "owner_accepted", "roles_assigned"].includes(rule)
            ? { to: "#roles", label: "Set roles" }
            : rule === "artifact" || rule === "coe_actions_closed"
              ? { to: "#artifacts", label: "See the artifacts" }
              : null;
  const lastDecision = project.gateReviews.find((r) => r.decision);
  const facts: [string, string | null][] = [
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
    [FACT_FIELD_NAMES.launchedAt, day(project.launchedAt)],
    [FACT_FIELD_NAMES.steadyStateOwner, project.steadyStateOwner?.name ?? null],
  ];
  return (
    <article className="space-y-6">
      <header>
        <p className="text-sm text-slate-500">
          {project.key}
          {project.team ? ` · ${project.team.name}` : ""}
          {project.parent ? (
            <>
              {" · forked from "}
              <Link className="text-brand underline" to={`/projects/${project.parent.key}`}>
                {project.parent.key} {project.parent.title}
              </Link>
            </>
          ) : null}
        </p>
        <h1 className="text-2xl font-bold">{project.title}</h1>
        <dl className="mt-3 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-500">Stage</dt>
            <dd className="font-medium">
              {STAGE_NAMES[project.stage]}{" "}
              <span className="text-slate-500">
                ({stageIndex(project.stage) + 1} of {STAGES.length})
              </span>
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Status</dt>
            <dd>
              <StatusBadge status={project.status} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Owner</dt>
            <dd className="font-medium">{project.owner?.name ?? "No single-threaded owner yet"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">In this stage</dt>
            <dd className="font-medium">
              {project.daysInStage} days (since {on(project.stageEnteredAt)})
              {expectedDays !== null && project.daysInStage > expectedDays ? (
                <span className="block text-sm text-warn">Over the expected {expectedDays} days</span>
              ) : null}
            </dd>
          </div>
          <div className="col-span-2 sm:col-span-1">
            <dt className="text-slate-500">Next gate date</dt>
            <dd className="font-medium" data-testid="next-gate">
              {nextGateDate ? day(nextGateDate) : "None (project closed)"}
              {nextGateOverdue ? <span className="ml-1 font-semibold text-bad">(overdue)</span> : null}
            </dd>
          </div>
          <div className="col-span-2 sm:col-span-1">
            <dt className="text-slate-500">Headline metric</dt>
            <dd data-testid="headline-metric">
              <HeadlineMetric headline={headline} />
              <Link to={`/projects/${project.key}/metrics`} className="block text-xs text-brand underline">
                All metrics
              </Link>
            </dd>
          </div>
          <div className="col-span-2">
            <dt className="text-slate-500">Last gate decision</dt>
            <dd>
              {lastDecision?.decision
                ? `${DECISION_NAMES[lastDecision.decision]} at ${STAGE_NAMES[lastDecision.stage]} by ${lastDecision.decidedBy?.name ?? "someone"} on ${on(lastDecision.decidedAt)}`
                : "None yet"}
            </dd>
          </div>
        </dl>
        <ol aria-label="Stage path" className={`mt-3 grid grid-cols-2 gap-2 text-xs ${stageColumns().sm}`}>
          {path.map((p) => (
            <li
              key={p.stage}
              aria-current={p.current ? "step" : undefined}
              className={`rounded border px-2 py-1.5 ${p.current ? "border-brand bg-brand-light" : p.visits ? "border-slate-300 bg-white" : "border-dashed border-slate-300 text-slate-400"}`}
            >
              <span className="block font-semibold">
                {stageIndex(p.stage) + 1}. {STAGE_NAMES[p.stage]}
                {p.current ? <span className="sr-only"> (current)</span> : null}
              </span>
              {p.visits ? (
                <span>
                  {p.days} {p.days === 1 ? "day" : "days"}
                  {p.firstEnteredAt ? ` · from ${on(p.firstEnteredAt)}` : ""}
                  {p.visits > 1 ? ` · ${p.visits} visits` : ""}
                </span>
              ) : (
                <span>Not reached</span>
              )}
            </li>
          ))}
        </ol>
      </header>

      {overdue ? (
        <p role="status" className="rounded-lg border border-warn bg-warn-light px-4 py-3 text-sm text-warn">
          <span className="font-semibold">{overdue.kind === "hold" ? "Hold past its revisit date" : "Condition overdue"}:</span>{" "}
          {overdue.kind === "hold"
            ? `the gate was to be revisited on ${day(overdue.date)}.`
            : `the Conditional Go's condition was due on ${day(overdue.date)}.`}
        </p>
      ) : null}
      {debt.length > 0 ? (
        <section aria-labelledby="debt" className="rounded-lg border border-bad bg-bad-light p-4 text-sm">
          <h2 id="debt" className="font-semibold text-bad">
            Gate debt: {debt.length} {debt.length === 1 ? "criterion" : "criteria"} of passed gates no longer hold
          </h2>
          <ul className="mt-2 space-y-1">
            {debt.map((d) => (
              <li key={`${d.stage}-${d.key}`}>
                <span className="font-medium">{STAGE_NAMES[d.stage]}:</span> {d.label} — {d.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <Section id="gate" title={<>Gate: {STAGE_NAMES[project.stage]}</>}>
        <p className="mt-1 text-sm text-slate-700">
          {evaluation.mustMet} of {evaluation.mustTotal} must-meet criteria met
          {evaluation.shouldScore !== null
            ? ` · should-meet score ${evaluation.shouldScore}% (${evaluation.shouldWeightMet} of ${evaluation.shouldWeightTotal} weight)`
            : ""}
          {" · "}judged by playbook version {evaluation.playbookVersion}
        </p>
        <ul className="mt-3 divide-y divide-slate-100" aria-label="Gate checklist">
          {evaluation.criteria.map((c) => (
            <li key={c.key} className="flex flex-wrap items-start gap-3 py-2 text-sm" data-criterion={c.key}>
              <MetBadge met={c.met} />
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  {c.label} <span className="text-xs font-normal text-slate-500">{c.level === "must" ? "must-meet" : `should-meet, weight ${c.weight}`}</span>
                </p>
                <p className="text-slate-600">{c.reason}</p>
              </div>
              {!c.met && fixLink(c.rule, c.key) ? (
                <Link to={fixLink(c.rule, c.key)!.to} className="text-sm text-brand underline">
                  {fixLink(c.rule, c.key)!.label}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
        {project.conditionDueAt && lastDecision?.decision === "conditional_go" ? (
          <div className="mt-3 flex flex-wrap items-center gap-3 rounded border border-warn bg-warn-light px-3 py-2 text-sm" data-testid="open-condition">
            <span>
              <span className="font-semibold">Open condition:</span> {lastDecision.condition} (due {day(project.conditionDueAt)})
            </span>
            {canDecide ? (
              <Form method="post" className="ml-auto">
                <input type="hidden" name="intent" value="close_condition" />
                <Button type="submit" variant="secondary">
                  Mark condition met
                </Button>
              </Form>
            ) : null}
          </div>
        ) : null}
        {sinceLast ? (
          <div className="mt-3 rounded border border-slate-200 bg-slate-50 px-3 py-2 text-sm" data-testid="since-last">
            <p className="font-medium">
              Since the last decision ({DECISION_NAMES[sinceLast.decision]} on {on(sinceLast.at)})
            </p>
            {sinceLast.checklist?.sameStage === false ? (
              <p className="text-slate-600">That decision was taken at another gate; its checklist is in the history below.</p>
            ) : null}
            <ul className="mt-1 list-disc pl-5">
              {sinceLast.checklist?.nowMet.map((l) => (
                <li key={`m-${l}`}>Now met: {l}</li>
              ))}
              {sinceLast.checklist?.nowUnmet.map((l) => (
                <li key={`u-${l}`}>No longer met: {l}</li>
              ))}
              {sinceLast.checklist?.added.map((l) => (
                <li key={`a-${l}`}>New criterion: {l}</li>
              ))}
              {sinceLast.checklist?.removed.map((l) => (
                <li key={`r-${l}`}>Criterion removed: {l}</li>
              ))}
              {sinceLast.artifacts.map((a) => (
                <li key={`art-${a.id}`}>
                  {ARTIFACT_KIND_NAMES[a.kind as keyof typeof ARTIFACT_KIND_NAMES] ?? a.kind}: {a.change}
                  {a.from ? ` (${a.from} → ${a.to})` : ""}
                </li>
              ))}
              {sinceLast.facts.length ? (
                <li>Facts edited: {sinceLast.facts.map((f) => FACT_FIELD_NAMES[f as keyof typeof FACT_FIELD_NAMES] ?? f).join(", ")}</li>
              ) : null}
              {!sinceLast.artifacts.length &&
              !sinceLast.facts.length &&
              !(
                sinceLast.checklist?.nowMet.length ||
                sinceLast.checklist?.nowUnmet.length ||
                sinceLast.checklist?.added.length ||
                sinceLast.checklist?.removed.length
              ) ? (
                <li>Nothing has changed.</li>
              ) : null}
            </ul>
          </div>
        ) : null}
        {pendingReview ? (
          <div className="mt-3 rounded bg-brand-light px-3 py-2 text-sm" data-testid="pending-review">
            <p>
              Review requested by {pendingReview.requestedBy ?? "someone"} on {on(pendingReview.requestedAt)}.
              {quorum > 1 ? ` ${quorum} deciders must sign the same decision.` : ""}
            </p>
            {pendingReview.signatures.length > 0 ? (
              <ul className="mt-1 space-y-0.5">
                {pendingReview.signatures.map((sig) => (
                  <li key={sig.userId}>
                    <span className="font-medium">{sig.name}</span> signed {DECISION_NAMES[sig.kind]} on {on(sig.signedAt)}: “{sig.rationale}”
                    {sig.dissent ? <span className="text-slate-600"> (disagrees and commits: {sig.dissent})</span> : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : canRequestReview ? (
          <RequestReviewForm unmet={evaluation.criteria.filter((c) => c.level === "must" && !c.met).map((c) => c.label)} />
        ) : null}
        {canDecide ? (
          // Keyed by the version: after a decision (or any change) the form starts empty, never with the last choice.
          <DecisionForm
            key={project.version}
            stage={project.stage}
            version={project.version}
            ready={evaluation.ready}
            canOverride={canOverride}
            quorum={quorum}
          />
        ) : (
          <p className="mt-3 text-sm text-slate-600">{cannotDecideReason}</p>
        )}
      </Section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="facts" className="rounded-lg border border-slate-200 bg-white p-4">
          <div className="flex items-baseline justify-between">
            <h2 id="facts" className="text-lg font-semibold">
              Facts
            </h2>
            {canEdit ? (
              <Link to={`/projects/${project.key}/edit`} className="text-sm text-brand underline">
                Edit facts
              </Link>
            ) : null}
          </div>
          <dl className="mt-2 space-y-2 text-sm">
            {facts.map(([label, value]) => (
              <div key={label}>
                <dt className="text-slate-500">{label}</dt>
                <dd>{value || <span className="italic text-slate-400">Not recorded</span>}</dd>
              </div>
            ))}
            <div>
              <dt className="text-slate-500">Proposer</dt>
              <dd>{project.proposer?.name ?? <span className="italic text-slate-400">Not recorded</span>}</dd>
            </div>
          </dl>
          {canEdit && project.stage === ADOPTION_STAGE ? (
            <SteadyOwnerForm key={project.steadyStateOwner?.id ?? "none"} current={project.steadyStateOwner?.id ?? null} people={people} />
          ) : null}
        </section>

        <div className="space-y-6">
          <RolesSection />

          <ArtifactChecklist projectKey={project.key} stages={checklist} canAdd={canEdit} />

          {canEdit && stageDefinition(project.stage).forkable && project.status === "active" ? <ForkSection customer={project.customer} /> : null}

          {project.forks.length > 0 ? (
            <Section id="forks" title="Forked scope">
              <ul className="mt-2 space-y-1 text-sm">
                {project.forks.map((f) => (
                  <li key={f.key}>
                    <Link className="text-brand underline" to={`/projects/${f.key}`}>
                      {f.key} {f.title}
                    </Link>{" "}
                    <span className="text-slate-600">({STAGE_NAMES[f.stage]})</span>
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
        </div>
      </div>

      <PlanSections plan={plan} canEdit={canEdit} people={people} reply={actionData && "plan" in actionData ? actionData.plan : undefined} />

      <Section id="history" title="Decision history">
        {project.gateReviews.filter((r) => r.decision).length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No gate decisions yet.</p>
        ) : (
          <ol className="mt-2 space-y-3">
            {project.gateReviews
              .filter((r) => r.decision)
              .map((r) => {
                const snapshot = r.checklist;
                return (
                  <li key={r.id} className="rounded border border-slate-100 p-3 text-sm" data-decision={r.decision}>
                    <p>
                      <span className="font-semibold">{r.decision ? DECISION_NAMES[r.decision] : ""}</span> at {STAGE_NAMES[r.stage]}
                      {r.recycleTo ? ` → back to ${STAGE_NAMES[r.recycleTo]}` : ""} by {r.decidedBy?.name ?? "someone"} on {on(r.decidedAt)}
                      {r.playbookVersion ? <span className="text-slate-500"> · playbook v{r.playbookVersion}</span> : null}
                    </p>
                    {r.rationale ? <p className="mt-1 text-slate-700">“{r.rationale}”</p> : null}
                    {r.revisitDate ? <p className="text-slate-600">Revisit on {day(r.revisitDate)}</p> : null}
                    {r.condition ? (
                      <p className="text-slate-600">
                        Condition: {r.condition} (due {day(r.conditionDueDate)})
                      </p>
                    ) : null}
                    {r.signatures && r.quorum && r.quorum > 1 ? (
                      <ul className="mt-1 space-y-0.5 text-slate-700" aria-label="Signatures">
                        {r.signatures.map((sig) => (
                          <li key={sig.userId}>
                            Signed by <span className="font-medium">{sig.name}</span>: {DECISION_NAMES[sig.kind]}, “{sig.rationale}”
                            {sig.dissent ? (
                              <span className="text-warn">
                                {" "}
                                · {sig.agreed ? "disagreed and committed" : "dissent"}: {sig.dissent}
                              </span>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {r.overrideReason ? (
                      <p className="mt-1 rounded bg-warn-light px-2 py-1 text-warn">
                        <span className="font-semibold">Administrator override:</span> {r.overrideReason}
                      </p>
                    ) : null}
                    {snapshot?.criteria ? (
                      <details className="mt-1">
                        <summary className="cursor-pointer text-slate-600">
                          Checklist at the time: {snapshot.mustMet} of {snapshot.mustTotal} must-meet met
                        </summary>
                        <ul className="mt-1 space-y-0.5">
                          {snapshot.criteria.map((c) => (
                            <li key={c.key}>
                              <span aria-hidden="true">{c.met ? "✓" : "✗"}</span> <span className="sr-only">{c.met ? "Met:" : "Not met:"}</span> {c.label}
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </li>
                );
              })}
          </ol>
        )}
      </Section>

      <AuditSection />
    </article>
  );
}

const AUDIT_LABELS: Record<AuditCategory, string> = { gate: "Gate reviews", project: "Project edits", roles: "Roles", artifacts: "Artifacts" };

function AuditSection() {
  const { audit, auditFilter, project } = useLoaderData<typeof loader>();
  const instant = useInstant();
  const people = [...new Map(project.roles.map((r) => [r.user.id, r.user.name])).entries()];
  return (
    <Section id="audit" title="Audit trail">
      <Form method="get" className="mt-2 flex flex-wrap items-end gap-3 text-sm" preventScrollReset>
        <SelectField label="Kind of change" name="log" id="audit-log" defaultValue={auditFilter.log ?? ""}>
          <option value="">Everything</option>
          {(Object.keys(AUDIT_LABELS) as AuditCategory[]).map((c) => (
            <option key={c} value={c}>
              {AUDIT_LABELS[c]}
            </option>
          ))}
        </SelectField>
        <SelectField label="By" name="by" id="audit-by" defaultValue={auditFilter.by ?? ""}>
          <option value="">Anyone</option>
          {people.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </Form>
      {audit.events.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No events match.</p>
      ) : (
        <ol className="mt-3 divide-y divide-slate-100 text-sm">
          {audit.events.map((e) => (
            <li key={e.id} className="flex flex-wrap gap-x-3 py-1.5" data-audit={e.action}>
              <time dateTime={e.at} className="text-slate-500">
                {instant(e.at, { time: true })}
              </time>
              <span className="font-medium">{e.actor}</span>
              <span>{e.action.replace(/[._]/g, " ")}</span>
            </li>
          ))}
        </ol>
      )}
      {audit.more ? (
        <Link
          className="mt-2 inline-block text-sm text-brand underline"
          to={`?${new URLSearchParams({ ...(auditFilter.log ? { log: auditFilter.log } : {}), ...(auditFilter.by ? { by: auditFilter.by } : {}), before: String(audit.more) })}#audit`}
        >
          Older events
        </Link>
      ) : null}
    </Section>
  );
}

const KIND_HELP: Record<DecisionKind, string> = {
  go: "advance to the next stage",
  conditional_go: "advance now, with a condition and a due date",
  hold: "stay, with a date to revisit",
  recycle: "send back to an earlier stage",
  stop: "close the project",
};

function RequestReviewForm({ unmet }: { unmet: string[] }) {
  const data = useActionData<typeof action>();
  const [form, fields] = useForm({ id: "request-review", lastResult: data && "review" in data ? data.review : undefined });
  return (
    <Form method="post" className="mt-3 space-y-2 text-sm" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="request_review" />
      {unmet.length > 0 ? (
        <>
          <p>
            {unmet.length} must-meet {unmet.length === 1 ? "criterion is" : "criteria are"} still unmet, so Go would be refused:
          </p>
          <ul className="list-disc pl-5">
            {unmet.map((label) => (
              <li key={label}>{label}</li>
            ))}
          </ul>
          <label className="flex items-center gap-2">
            <input type="checkbox" name={fields.confirm.name} aria-describedby={fields.confirm.errors ? fields.confirm.errorId : undefined} />
            Ask anyway (the deciders may Hold, Recycle or Stop)
          </label>
          <FieldErrors id={fields.confirm.errorId} errors={fields.confirm.errors} />
        </>
      ) : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <Button type="submit" variant="secondary">
        Request gate review
      </Button>
    </Form>
  );
}

function DecisionForm({
  stage,
  version,
  ready,
  canOverride,
  quorum,
}: {
  stage: (typeof STAGES)[number];
  version: number;
  ready: boolean;
  canOverride: boolean;
  quorum: number;
}) {
  const data = useActionData<typeof action>();
  const lastResult = data && "decision" in data ? data.decision : undefined;
  const navigation = useNavigation();
  // Validated on the server only: the lifecycle rules decide which fields a decision needs.
  const [form, fields] = useForm({ id: "decision", lastResult });
  // Before JavaScript loads every field shows; after, only the chosen decision's.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const kind = (fields.kind.value as DecisionKind | undefined) ?? undefined;
  const show = (k: DecisionKind[]) => !hydrated || (kind !== undefined && k.includes(kind));
  const earlier = STAGES.slice(0, stageIndex(stage));
  return (
    <Form method="post" className="mt-4 space-y-4 border-t border-slate-100 pt-4" {...getFormProps(form)}>
      <h3 className="font-semibold">{quorum > 1 ? `Sign the gate decision (${quorum} deciders must sign the same one)` : "Record a gate decision"}</h3>
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="version" value={version} />
      <fieldset aria-describedby={fields.kind.errors?.length ? fields.kind.errorId : undefined}>
        <legend className="text-sm font-medium">Decision</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {DECISION_KINDS.map((k) => (
            <label
              key={k}
              className="flex items-center gap-2 rounded border border-slate-200 px-3 py-2 text-sm has-[:checked]:border-brand has-[:checked]:bg-brand-light"
            >
              <input type="radio" name={fields.kind.name} value={k} defaultChecked={fields.kind.initialValue === k} />
              <span>
                <span className="font-medium">{DECISION_NAMES[k]}</span> <span className="text-slate-600">— {KIND_HELP[k]}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldErrors id={fields.kind.errorId} errors={fields.kind.errors} />
      </fieldset>
      <TextAreaField
        label="Rationale"
        hint="Why this decision; it is kept with the decision forever."
        errors={fields.rationale.errors}
        {...getTextareaProps(fields.rationale)}
        id={fields.rationale.id}
      />
      {show(["hold"]) ? (
        <TextField
          label="Revisit on (Hold)"
          errors={fields.revisitDate.errors}
          {...getInputProps(fields.revisitDate, { type: "date" })}
          id={fields.revisitDate.id}
        />
      ) : null}
      {show(["recycle"]) ? (
        <SelectField
          label="Send back to (Recycle)"
          errors={fields.recycleTo.errors}
          name={fields.recycleTo.name}
          id={fields.recycleTo.id}
          defaultValue={(fields.recycleTo.initialValue as string) ?? ""}
        >
          <option value="">Choose an earlier stage</option>
          {earlier.map((s) => (
            <option key={s} value={s}>
              {STAGE_NAMES[s]}
            </option>
          ))}
        </SelectField>
      ) : null}
      {show(["conditional_go"]) ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Condition (Conditional Go)"
            errors={fields.condition.errors}
            {...getInputProps(fields.condition, { type: "text" })}
            id={fields.condition.id}
          />
          <TextField
            label="Condition due on"
            errors={fields.conditionDueDate.errors}
            {...getInputProps(fields.conditionDueDate, { type: "date" })}
            id={fields.conditionDueDate.id}
          />
        </div>
      ) : null}
      {canOverride && !ready && show(["go", "conditional_go"]) ? (
        <TextAreaField
          label="Override reason (administrators)"
          hint="Go with unmet must-meet criteria is refused unless you give a reason; the override stays visible on the decision."
          errors={fields.overrideReason.errors}
          {...getTextareaProps(fields.overrideReason)}
          id={fields.overrideReason.id}
        />
      ) : null}
      {show(["stop"]) ? (
        <div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={fields.confirm.name} aria-describedby={fields.confirm.errors ? fields.confirm.errorId : undefined} /> Stop: I confirm
            it closes the project for good
          </label>
          <FieldErrors id={fields.confirm.errorId} errors={fields.confirm.errors} />
        </div>
      ) : null}
      {quorum > 1 ? (
        <TextAreaField
          label="Disagree and commit (optional)"
          hint="Signing with the others although you disagree? Say why; it is kept with your signature."
          errors={fields.dissent.errors}
          {...getTextareaProps(fields.dissent)}
          id={fields.dissent.id}
        />
      ) : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <Button type="submit" disabled={navigation.state === "submitting"}>
        {navigation.state === "submitting" ? "Recording…" : quorum > 1 ? "Sign decision" : "Record decision"}
      </Button>
    </Form>
  );
}

const ROLE_NAMES: Record<(typeof PROJECT_ROLE_KINDS)[number], string> = {
  owner: "Single-threaded owner",
  decider: "Decider",
  contributor: "Contributor",
  consulted: "Consulted",
  stakeholder: "Stakeholder",
};

function RolesSection() {
  const on = useOn();
  const { project, canEdit, canNameDeciders, people, userId } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "assign-role",
    lastResult: data && "roles" in data ? data.roles : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AssignRoleSchema }),
  });
  return (
    <Section id="roles" title="People">
      {project.roles.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No roles assigned yet.</p>
      ) : (
        <ul className="mt-2 space-y-1.5 text-sm">
          {project.roles.map((r) => {
            const acknowledges = r.role === "owner" || r.role === "stakeholder";
            return (
              <li key={r.id} className="flex flex-wrap items-center gap-2" data-role={r.role}>
                <span className="font-medium">{r.user.name}</span>
                <span className="text-slate-600">{ROLE_NAMES[r.role]}</span>
                {acknowledges ? (
                  <span className={r.acknowledgedAt ? "text-ok" : "text-warn"}>
                    {r.acknowledgedAt
                      ? `${r.role === "owner" ? "accepted" : "acknowledged"} ${on(r.acknowledgedAt)}`
                      : r.role === "owner"
                        ? "not accepted yet"
                        : "not acknowledged yet"}
                  </span>
                ) : null}
                {acknowledges && !r.acknowledgedAt && r.user.id === userId ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="acknowledge_role" />
                    <input type="hidden" name="roleId" value={r.id} />
                    <Button type="submit" variant="secondary" className="!px-2 !py-0.5">
                      {r.role === "owner" ? "Accept ownership" : "Acknowledge"}
                    </Button>
                  </Form>
                ) : null}
                {(r.role === "decider" ? canNameDeciders : canEdit) ? (
                  <Form method="post" className="ml-auto">
                    <input type="hidden" name="intent" value="remove_role" />
                    <input type="hidden" name="roleId" value={r.id} />
                    <button
                      type="submit"
                      className="text-xs text-slate-600 underline hover:text-bad"
                      aria-label={`Remove ${r.user.name} as ${ROLE_NAMES[r.role]}`}
                    >
                      Remove
                    </button>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {canEdit || canNameDeciders ? (
        <Form method="post" className="mt-3 grid gap-3 border-t border-slate-100 pt-3 sm:grid-cols-3 sm:items-end" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="assign_role" />
          <SelectField label="Person" errors={fields.userId.errors} name={fields.userId.name} id={fields.userId.id} defaultValue="">
            <option value="">Choose a person</option>
            {people.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.role})
              </option>
            ))}
          </SelectField>
          <SelectField label="Role" errors={fields.role.errors} name={fields.role.name} id={fields.role.id} defaultValue="">
            <option value="">Choose a role</option>
            {/* A team's gatekeeper who is not on the project names deciders only. */}
            {PROJECT_ROLE_KINDS.filter((k) => (k === "decider" ? canNameDeciders : canEdit)).map((k) => (
              <option key={k} value={k}>
                {ROLE_NAMES[k]}
              </option>
            ))}
          </SelectField>
          <Button type="submit" variant="secondary">
            Add to project
          </Button>
        </Form>
      ) : null}
    </Section>
  );
}

/** Who runs the result once the project is done: the fact the Done-Done gate asks for, named here. */
function SteadyOwnerForm({ current, people }: { current: string | null; people: { id: string; name: string; role: string }[] }) {
  const { form, fields, saved } = useIntentForm<{ userId: string }>("steady_owner", SteadyOwnerSchema, {
    id: "steady-owner",
    defaultValue: { userId: current ?? "" },
  });
  return (
    <Form method="post" className="mt-3 flex flex-wrap items-end gap-2 border-t border-slate-100 pt-3 text-sm" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="steady_owner" />
      <SelectField label="Steady-state owner" errors={fields.userId.errors} {...getSelectProps(fields.userId)} id={fields.userId.id}>
        <option value="">Nobody yet</option>
        {people
          .filter((p) => p.role !== "viewer")
          .map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
      </SelectField>
      <Button type="submit" variant="secondary">
        Save owner
      </Button>
      <FormErrors id={form.errorId} errors={form.errors} />
      {saved ? (
        <p role="status" className="w-full text-ok">
          Steady-state owner saved.
        </p>
      ) : null}
    </Form>
  );
}

function ForkSection({ customer }: { customer: string | null }) {
  const data = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "fork",
    lastResult: data && "fork" in data ? data.fork : undefined,
    defaultValue: { customer: customer ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForkSchema }),
  });
  return (
    <Section id="fork-heading" title="Fork cut scope">
      <p className="mt-1 text-sm text-slate-600">Scope cut from the plan becomes its own project at stage 1, linked to this one.</p>
      <Form method="post" className="mt-3 space-y-3" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="fork" />
        <TextField label="Title of the forked project" errors={fields.title.errors} {...getInputProps(fields.title, { type: "text" })} id={fields.title.id} />
        <TextField label="Customer" errors={fields.customer.errors} {...getInputProps(fields.customer, { type: "text" })} id={fields.customer.id} />
        <TextAreaField label="Problem it addresses" errors={fields.problem.errors} {...getTextareaProps(fields.problem)} id={fields.problem.id} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Button type="submit" variant="secondary">
          Fork into a new project
        </Button>
      </Form>
    </Section>
  );
}

type Headline = NonNullable<Awaited<ReturnType<typeof headlineMetric>>>;
type Jsonified<T> = Omit<T, "latest"> & { latest: { periodStart: string; value: number } | null };

/** Page 0's headline output metric: its newest value against its target (in words as well as colour), and 6-12 sparklines of it and its top inputs. */
function HeadlineMetric({ headline }: { headline: Jsonified<Headline> | null }) {
  if (!headline) return <span className="italic text-slate-500">No output metric defined yet</span>;
  const { latest } = headline;
  const met = latest ? meetsTarget(latest.value, headline.target, headline.direction) : null;
  return (
    <>
      <span className="font-medium">{headline.name}</span>
      {latest ? (
        <span className="block">
          {formatMetricValue(latest.value, headline)}
          {headline.target !== null ? <span className="text-slate-600"> (target {formatMetricValue(headline.target, headline)})</span> : null}
          {met !== null ? <span className={`ml-1 font-semibold ${met ? "text-ok" : "text-bad"}`}>{met ? "on target" : "off target"}</span> : null}
          <span className="block text-xs text-slate-500">
            {headline.cadence === "daily" ? "on" : headline.cadence === "monthly" ? "month of" : "week of"} {day(latest.periodStart)}
          </span>
        </span>
      ) : (
        <span className="block text-slate-500">No values yet</span>
      )}
      <Sparkline points={headline.spark} label={headline.name} />
      {headline.inputs.map((i, n) => (
        <span key={i.id} className="block text-xs text-slate-600">
          {i.name}
          <Sparkline points={i.spark} label={i.name} colour={CHART.series[(n + 1) % CHART.series.length]} />
        </span>
      ))}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
