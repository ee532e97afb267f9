// The project page's overview tab: the gate (its checklist, what changed since the last decision,
// the review request and the decision form), gate debt, the facts, and forking cut scope.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { MetBadge } from "~/components/ui/badges";
import { Disclosure } from "~/components/ui/disclosure";
import { Button, FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { useIntentForm } from "~/components/ui/intent-form";
import { Section } from "~/components/ui/section";
import { gateArtifact } from "~/modules/artifacts/workflow";
import { changesSince } from "~/modules/audit/audit.server";
import { metricValuesThenAndNow } from "~/modules/metrics/queries.server";
import { shownChanges } from "~/modules/audit/changes";
import { listTeams } from "~/modules/projects/projects.server";
import { lessonsAtStage } from "~/modules/learning/lessons.server";
import { retrospectiveNote, retrospectiveTrigger, TRIGGER_NAMES, type RetrospectiveTrigger } from "~/modules/learning/retrospective";
import { retrospectiveDue } from "~/modules/learning/retrospectives.server";
import { ChangedValue } from "~/components/ui/changed-value";
import { DecisionFormSchema, RequestReviewSchema, toDecisionRequest } from "~/modules/lifecycle/decision-form";
import { diffArtifacts, diffChecklists, type ArtifactSnapshot } from "~/modules/lifecycle/diff";
import type { Evaluation } from "~/modules/lifecycle/evaluate";
import { FACT_FIELD_NAMES } from "~/modules/lifecycle/facts";
import { openReviewThreads } from "~/modules/comments/comments.server";
import { applyDecision, closeCondition, getGateView, pendingReview, requestReview } from "~/modules/lifecycle/gate.server";
import { retrospectivesRequired, stageOf } from "~/modules/lifecycle/playbook";
import { quorumWarning, signingRefusal } from "~/modules/lifecycle/quorum";
import { gateSigners } from "~/modules/lifecycle/signers.server";
import { ADOPTION_STAGE, ARTIFACT_KIND_NAMES, DECISION_NAMES, STAGE_NAMES, STATUS_NAMES, stageDefinition, type StageKey } from "~/modules/lifecycle/stages";
import { can, decisionRights } from "~/modules/people/authorize";
import { listUsers } from "~/modules/people/queries.server";
import { editableProject, findProject, peopleOf, userMay, type ProjectIntentArgs } from "~/modules/projects/project-page.server";
import { ForkSchema } from "~/modules/projects/project-form";
import { forkProject } from "~/modules/projects/projects.server";
import { SteadyOwnerSchema } from "~/modules/projects/role-form";
import { setSteadyStateOwner } from "~/modules/projects/steady-owner.server";
import { projectTab } from "~/modules/projects/tabs";
import { requireUser, requireUserWithPermission } from "~/utils/auth.server";
import { formatDay } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { answerRefusal, notFound, refusalResponse } from "~/utils/http.server";
import { intentOf, submitIntent } from "~/utils/intent.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useInstant } from "~/utils/use-time-zone";
import { DecisionForm, RequestReviewForm } from "./__gate-forms";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const project = await findProject(params.key);
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
  return json({
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
  });
}

/** A review request names the unmet must-meet criteria and is sent anyway only when confirmed. */
async function requestReviewAction({ request, key, form, user }: ProjectIntentArgs) {
  await requireUserWithPermission(request, "gate:request");
  // Who may, before what they sent (requestReview checks again inside its transaction).
  const project = await editableProject(request, key, user, "request_review");
  const submission = parseWithZod(form, { schema: RequestReviewSchema });
  if (submission.status !== "success") return json({ review: submission.reply() }, { status: 400 });
  const result = await requestReview(prisma, { projectId: project.id, actor: user, confirmed: submission.value.confirm === true });
  if (!result.ok) return answerRefusal(result, (errors) => ({ review: submission.reply(errors) }));
  return redirectWithToast(
    projectTab(project.key, "", "gate"),
    result.created ? "Gate review requested: it is in each decider's My work." : "A review of this gate was already requested.",
    { kind: result.created ? "success" : "info" },
  );
}

async function closeConditionAction({ request, key, user }: ProjectIntentArgs) {
  await requireUserWithPermission(request, "gate:decide");
  const project = await findProject(key);
  const result = await closeCondition(prisma, { projectId: project.id, actor: user });
  if (!result.ok) throw refusalResponse(result);
  return redirectWithToast(projectTab(project.key, "", "gate"), "Condition marked met.");
}

async function forkAction({ request, key, form, user }: ProjectIntentArgs) {
  const project = await editableProject(request, key, user, "edit_plan");
  const submission = parseWithZod(form, { schema: ForkSchema });
  if (submission.status !== "success") return json({ fork: submission.reply() }, { status: 400 });
  const result = await forkProject(prisma, user, project.id, submission.value);
  if (!result.ok) return answerRefusal({ ...result, field: undefined }, (errors) => ({ fork: submission.reply(errors) }));
  return redirectWithToast(`/projects/${result.key}`, `Forked into ${result.key}, linked to ${project.key}.`);
}

async function steadyOwnerAction({ request, key, form, user, intent }: ProjectIntentArgs) {
  const project = await editableProject(request, key, user, "edit_facts");
  return submitIntent(form, intent, SteadyOwnerSchema, (v) => setSteadyStateOwner(prisma, user, project.id, v.userId));
}

async function decideAction({ request, key, form, user }: ProjectIntentArgs) {
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
  const gate = projectTab(project.key, "", "gate");
  if (result.ok && !result.applied) {
    return redirectWithToast(gate, `Your signature for ${kind} is recorded: ${result.signed} of the ${result.quorum} deciders the gate needs have signed it.`);
  }
  if (result.ok) {
    const moved =
      result.status !== project.status
        ? ` The project is now ${STATUS_NAMES[result.status as keyof typeof STATUS_NAMES].toLowerCase()}.`
        : result.stage !== project.stage
          ? ` It is now at ${STAGE_NAMES[result.stage as StageKey]}.`
          : "";
    const retro = retrospectiveTrigger(submission.value.kind, result.status) ? " A retrospective is open for what the project learned." : "";
    return redirectWithToast(gate, `${kind} recorded at ${STAGE_NAMES[project.stage]}.${moved}${retro}`);
  }
  return answerRefusal(result, (errors) => ({ decision: submission.reply(errors) }));
}

/** Every intent the overview's forms send, each to its own function (Epic Stack's profile page is the model). */
const INTENTS = {
  request_review: requestReviewAction,
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

export default function ProjectOverview() {
  const instant = useInstant();
  const on = (iso: string | null | undefined) => (iso ? instant(iso) : "");
  const {
    project,
    lastDecision,
    evaluation,
    debt,
    sinceLast,
    canDecide,
    cannotDecideReason,
    canOverride,
    canEdit,
    canFork,
    canRequestReview,
    pendingReview,
    quorum,
    quorumWarning,
    people,
    steadyOwnerCriteria,
    retroNote,
    retroDue,
    lessons,
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
            ? { to: projectTab(project.key, "people"), label: "Set roles" }
            : rule === "artifact" || rule === "coe_actions_closed"
              ? { to: projectTab(project.key, "artifacts"), label: "See the artifacts" }
              : null;
  return (
    <div className="space-y-6">
      {retroDue ? (
        <section aria-labelledby="retro-due" className="rounded-lg border border-warn bg-warn-light p-4 text-sm" data-testid="retro-due">
          <h2 id="retro-due" className="font-semibold text-warn">
            The {TRIGGER_NAMES[retroDue.trigger]} decision opened a retrospective: the project closes once it is written
          </h2>
          <p className="mt-1">
            <Link to={`/projects/${project.key}/retrospectives/${retroDue.id}`} className="text-brand underline">
              {retroDue.mayWrite ? "Write the retrospective" : "Read and discuss the retrospective"}
            </Link>
          </p>
        </section>
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
        {retroNote ? (
          <p className="mt-2 text-sm text-slate-600" data-testid="retro-note">
            Retrospectives: {retroNote}
          </p>
        ) : null}
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
              <p className="text-slate-600">That decision was taken at another gate; its checklist is under Decisions.</p>
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
                  {a.versions ? (
                    <>
                      {" "}
                      <Link to={`/artifacts/${a.id}?from=${a.versions.from}&to=${a.versions.to}#changes`} className="text-brand underline">
                        See what changed
                      </Link>
                    </>
                  ) : null}
                </li>
              ))}
              {sinceLast.facts.map((c, i) => (
                <li key={`fact-${i}-${c.field}`} data-testid="since-fact">
                  <ChangedValue change={c} />
                </li>
              ))}
              {sinceLast.metrics.map((c) => (
                <li key={`metric-${c.field}`} data-testid="since-metric">
                  <ChangedValue change={c} />
                </li>
              ))}
              {!sinceLast.artifacts.length &&
              !sinceLast.facts.length &&
              !sinceLast.metrics.length &&
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
        {quorumWarning ? (
          <p role="note" className="mt-3 rounded border border-warn bg-warn-light px-3 py-2 text-sm" data-testid="quorum-warning">
            <span aria-hidden="true">⚠ </span>
            {quorumWarning}{" "}
            <Link to="people" className="underline">
              People
            </Link>
          </p>
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
                    <span className={sig.void ? "line-through" : undefined}>
                      <span className="font-medium">{sig.name}</span> signed {DECISION_NAMES[sig.kind]} on {on(sig.signedAt)}: “{sig.rationale}”
                    </span>
                    {sig.dissent ? <span className="text-slate-600"> (disagrees and commits: {sig.dissent})</span> : null}
                    {sig.void ? <span className="text-warn"> No longer counts: {sig.void}.</span> : null}
                  </li>
                ))}
              </ul>
            ) : null}
            <p className="mt-1" data-testid="review-threads">
              {pendingReview.openThreads.length === 0
                ? "No open threads on this review. "
                : `Open threads on this review (${pendingReview.openThreads.length}): `}
              {pendingReview.openThreads.map((t) => (
                <span key={t.id}>
                  <Link to={projectTab(project.key, "discussion", `thread-${t.id}`)} className="text-brand underline">
                    {t.author.name}: {t.body.length > 60 ? `${t.body.slice(0, 60)}…` : t.body}
                  </Link>{" "}
                </span>
              ))}
              <Link to={projectTab(project.key, "discussion", "new-thread")} className="text-brand underline">
                Discuss this review
              </Link>
            </p>
          </div>
        ) : canRequestReview ? (
          <RequestReviewForm
            unmet={evaluation.criteria.filter((c) => c.level === "must" && !c.met).map((c) => c.label)}
            lastResult={actionData && "review" in actionData ? actionData.review : undefined}
          />
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
            lastResult={actionData && "decision" in actionData ? actionData.decision : undefined}
          />
        ) : (
          <p className="mt-3 text-sm text-slate-600">{cannotDecideReason}</p>
        )}
      </Section>

      {lessons.length > 0 ? (
        <Section id="lessons" title={`Lessons from earlier projects at ${STAGE_NAMES[project.stage]}`}>
          <ul className="mt-2 space-y-2 text-sm" data-testid="stage-lessons">
            {lessons.map((l) => (
              <li key={l.id}>
                <p className="whitespace-pre-wrap">{l.text}</p>
                <p className="text-slate-600">
                  {l.outcome === "stop" ? "Stopped" : "Recycled"} here:{" "}
                  <Link to={`/projects/${l.project.key}/retrospectives`} className="text-brand underline">
                    {l.project.key} {l.project.title}
                  </Link>
                  {l.project.team ? ` · ${l.project.team}` : ""}
                </p>
              </li>
            ))}
          </ul>
          <p className="mt-2 text-sm">
            <Link to={`/lessons?stage=${project.stage}`} className="text-brand underline">
              All lessons at this stage
            </Link>
          </p>
        </Section>
      ) : null}

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
            {project.facts.map(([label, value]) => (
              <div key={label}>
                <dt className="text-slate-500">{label}</dt>
                <dd>{value || <span className="italic text-slate-500">Not recorded</span>}</dd>
              </div>
            ))}
            <div>
              <dt className="text-slate-500">Proposer</dt>
              <dd>{project.proposer?.name ?? <span className="italic text-slate-500">Not recorded</span>}</dd>
            </div>
          </dl>
          {canEdit && project.stage === ADOPTION_STAGE ? (
            <SteadyOwnerForm key={project.steadyStateOwner?.id ?? "none"} current={project.steadyStateOwner?.id ?? null} people={people} />
          ) : null}
        </section>

        <div className="space-y-6">
          {canFork && stageDefinition(project.stage).forkable && project.status === "active" ? <ForkSection customer={project.customer} /> : null}

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
    </div>
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
      <Disclosure summary="Fork scope into a new project" open={Boolean(form.errors?.length || Object.keys(form.allErrors).length)}>
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
      </Disclosure>
    </Section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
