// The project page's overview tab: the gate (its checklist, what changed since the last decision,
// the review request and the decision form), gate debt, the facts, and forking cut scope.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { MetBadge } from "~/components/ui/badges";
import { Button } from "~/components/ui/field";
import { Section } from "~/components/ui/section";
import { retrospectiveTrigger, TRIGGER_NAMES } from "~/modules/learning/retrospective";
import { DecisionFormSchema, RequestReviewSchema, toDecisionRequest } from "~/modules/lifecycle/decision-form";
import { applyDecision, closeCondition, requestReview } from "~/modules/lifecycle/gate.server";
import { ADOPTION_STAGE, DECISION_NAMES, STAGE_NAMES, STATUS_NAMES, stageDefinition, type DecisionKind, type StageKey } from "~/modules/lifecycle/stages";
import type { z } from "zod";
import { editableProject, findProject, type ProjectIntentArgs } from "~/modules/projects/project-page.server";
import { ForkSchema } from "~/modules/projects/project-form";
import { overviewData } from "~/modules/projects/overview.server";
import { forkProject } from "~/modules/projects/projects.server";
import { SteadyOwnerSchema } from "~/modules/projects/role-form";
import { setSteadyStateOwner } from "~/modules/projects/steady-owner.server";
import { projectTab } from "~/modules/projects/tabs";
import { requireUser, requireUserWithPermission } from "~/utils/auth.server";
import { formatDay } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { refusalResponse } from "~/utils/http.server";
import { intentOf, submitIntent } from "~/utils/intent.server";
import { redirectWithToast } from "~/utils/toast.server";
import { DecisionForm, RequestReviewForm } from "./__gate-forms";
import { ForkSection, PendingReview, SinceLast, StageLessons, SteadyOwnerForm } from "./__overview-parts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  return json(await overviewData(user, await findProject(params.key)));
}

/** A review request names the unmet must-meet criteria and is sent anyway only when confirmed. */
async function requestReviewAction({ request, key, form, user, intent }: ProjectIntentArgs) {
  await requireUserWithPermission(request, "gate:request");
  // Who may, before what they sent (requestReview checks again inside its transaction).
  const project = await editableProject(request, key, user, "request_review");
  return submitIntent(form, intent, RequestReviewSchema, (v) => requestReview(prisma, { projectId: project.id, actor: user, confirmed: v.confirm === true }), {
    to: projectTab(project.key, "", "gate"),
    message: (_, r) => (r.created ? "Gate review requested: it is in each decider's My work." : "A review of this gate was already requested."),
    kind: (_, r) => (r.created ? "success" : "info"),
  });
}

async function closeConditionAction({ request, key, user }: ProjectIntentArgs) {
  await requireUserWithPermission(request, "gate:decide");
  const project = await findProject(key);
  const result = await closeCondition(prisma, { projectId: project.id, actor: user });
  if (!result.ok) throw refusalResponse(result);
  return redirectWithToast(projectTab(project.key, "", "gate"), "Condition marked met.");
}

async function forkAction({ request, key, form, user, intent }: ProjectIntentArgs) {
  const project = await editableProject(request, key, user, "edit_plan");
  // A refusal of the fork is about the whole form, not one of its fields.
  const fork = async (v: z.infer<typeof ForkSchema>) => {
    const result = await forkProject(prisma, user, project.id, v);
    return result.ok ? result : { ...result, field: undefined };
  };
  return submitIntent(form, intent, ForkSchema, fork, {
    to: (_, r) => `/projects/${r.key}`,
    message: (_, r) => `Forked into ${r.key}, linked to ${project.key}.`,
  });
}

async function steadyOwnerAction({ request, key, form, user, intent }: ProjectIntentArgs) {
  const project = await editableProject(request, key, user, "edit_facts");
  return submitIntent(form, intent, SteadyOwnerSchema, (v) => setSteadyStateOwner(prisma, user, project.id, v.userId));
}

/** What a recorded signature or decision did, in words. */
function decided(project: { stage: StageKey; status: string }, kind: DecisionKind, result: Extract<Awaited<ReturnType<typeof applyDecision>>, { ok: true }>) {
  const name = DECISION_NAMES[kind];
  if (!result.applied) return `Your signature for ${name} is recorded: ${result.signed} of the ${result.quorum} deciders the gate needs have signed it.`;
  const moved =
    result.status !== project.status
      ? ` The project is now ${STATUS_NAMES[result.status as keyof typeof STATUS_NAMES].toLowerCase()}.`
      : result.stage !== project.stage
        ? ` It is now at ${STAGE_NAMES[result.stage as StageKey]}.`
        : "";
  const retro = retrospectiveTrigger(kind, result.status) ? " A retrospective is open for what the project learned." : "";
  return `${name} recorded at ${STAGE_NAMES[project.stage]}.${moved}${retro}`;
}

async function decideAction({ request, key, form, user, intent }: ProjectIntentArgs) {
  await requireUserWithPermission(request, "gate:decide");
  const project = await findProject(key);
  const decide = (v: z.infer<typeof DecisionFormSchema>) =>
    applyDecision(prisma, { projectId: project.id, expectedVersion: v.version, actor: user, request: toDecisionRequest(v) });
  return submitIntent(form, intent, DecisionFormSchema, decide, {
    to: projectTab(project.key, "", "gate"),
    message: (v, r) => decided(project, v.kind, r),
  });
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
        {sinceLast ? <SinceLast sinceLast={sinceLast} /> : null}
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
          <PendingReview review={pendingReview} quorum={quorum} projectKey={project.key} />
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

      {lessons.length > 0 ? <StageLessons lessons={lessons} stage={project.stage} /> : null}

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

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
