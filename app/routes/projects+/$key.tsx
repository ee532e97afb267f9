// The project page's frame: page 0 (stage, owner, time in stage, next gate, headline metric, last
// decision) and the stage path, over a tab bar whose tabs are routes of their own
// ($key._index, $key.plan, $key.artifacts, $key.metrics, $key.decisions, $key.people, $key.history),
// each with its own loader and actions.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/ui/field";
import { watching } from "~/modules/notifications/notifications.server";
import { Sparkline } from "~/components/charts/lazy-charts";
import { StatusBadge } from "~/components/ui/badges";
import { stageColumns } from "~/components/ui/stage-columns";
import { loadCurrentPlaybook } from "~/modules/lifecycle/playbook.server";
import { projectForecast } from "~/modules/lifecycle/forecast.server";
import { stagePath } from "~/modules/lifecycle/path";
import { DECISION_NAMES, STAGE_NAMES, STAGES, stageIndex } from "~/modules/lifecycle/stages";
import { daysInStage, nextGate } from "~/modules/lifecycle/time-in-stage";
import { formatMetricValue, meetsTarget } from "~/modules/metrics/format";
import { headlineMetric } from "~/modules/metrics/headline.server";
import { overdueFlag } from "~/modules/projects/list.server";
import { findProjectFrame } from "~/modules/projects/project-page.server";
import { PROJECT_TABS, projectTab } from "~/modules/projects/tabs";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formatDay } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { useInstant } from "~/utils/use-time-zone";
import { z } from "zod";
import { inlineChoices } from "~/modules/projects/table-edit.server";
import { InlineEdit } from "./__table-edit";
import { canOnProject } from "~/modules/people/authorize";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.project.key} ${data.project.title} · Gatepath` : "Project · Gatepath" },
];

const listFormat = new Intl.ListFormat("en", { style: "long", type: "conjunction" });

/** The project page's words for what is past its date (list.server.ts overdueFlag). */
const OVERDUE_HEADINGS = { hold: "Hold past its revisit date", condition: "Condition overdue", milestone: "Milestone overdue" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const project = await findProjectFrame(params.key);
  // Team and owner change in place (issue 27, item 4): for administrators and the project's owner
  // here (a gatekeeper reassigns from the People tab); ?edit=team|owner opens the field's form.
  const mine = canOnProject(user, { ownerId: project.owner?.id ?? null, proposerId: null, roles: [] }, "edit_facts");
  const asked = z.enum(["team", "owner"]).safeParse(new URL(request.url).searchParams.get("edit"));
  const [playbook, headline, watched, forecast, editing] = await Promise.all([
    loadCurrentPlaybook(prisma),
    headlineMetric(prisma, project.id),
    watching(prisma, user, project.id),
    projectForecast(prisma, project),
    mine && asked.success
      ? inlineChoices(user, { key: project.key, ownerId: project.owner?.id ?? null, proposerId: null, teamId: project.teamId }, asked.data)
      : null,
  ]);
  const now = new Date();
  const expectedDays = playbook.stages.find((s) => s.stage === project.stage)?.expectedDays ?? null;
  const overdue = overdueFlag(project, now);
  // The next gate date: a Hold's revisit date, an open condition's due date, or when the stage is expected to end.
  const gate = project.status === "active" ? nextGate(project, expectedDays, now) : null;
  const last = project.decided[0];
  const path = stagePath(project.createdAt, project.decided, now, {
    stage: project.stage,
    closed: project.status === "stopped" || project.status === "done",
    enteredAt: project.stageEnteredAt,
  });
  return json({
    project: {
      key: project.key,
      title: project.title,
      team: project.team,
      parent: project.parent,
      stage: project.stage,
      status: project.status,
      owner: project.owner,
      stageEnteredAt: project.stageEnteredAt,
      daysInStage: daysInStage(project.stageEnteredAt, now),
    },
    // A quorum's decision is credited to everyone who signed it, not to its last signer alone.
    lastDecision: last
      ? {
          decision: last.decision,
          stage: last.stage,
          by: project.lastSigners.length > 0 ? listFormat.format(project.lastSigners) : (last.decidedBy?.name ?? "someone"),
          at: last.decidedAt.toISOString(),
        }
      : null,
    path,
    headline,
    expectedDays,
    overdue: overdue ? { kind: overdue.kind, date: overdue.date.toISOString() } : null,
    nextGateDate: gate?.date.toISOString() ?? null,
    nextGateOverdue: gate?.overdue ?? false,
    watched,
    editable: mine && project.status !== "stopped" && project.status !== "done",
    editing,
    forecast: forecast?.ok
      ? { ok: true as const, p50: forecast.p50.toISOString(), p85: forecast.p85.toISOString(), from: forecast.from, scope: forecast.scope }
      : forecast && { ok: false as const, reason: forecast.reason },
  });
}

const tabClass = ({ isActive }: { isActive: boolean }) =>
  `inline-block whitespace-nowrap border-b-2 px-3 py-2 text-sm ${isActive ? "border-brand font-semibold text-brand" : "border-transparent text-slate-700 hover:text-brand"}`;

export default function ProjectFrame() {
  const { project, lastDecision, path, headline, expectedDays, overdue, nextGateDate, nextGateOverdue, watched, forecast, editable, editing } =
    useLoaderData<typeof loader>();
  const inline = (field: "team" | "owner") =>
    editing?.field === field ? (
      <InlineEdit
        projectKey={project.key}
        field={field}
        current={editing.current}
        choices={editing.choices}
        note={editing.note}
        back={`/projects/${project.key}`}
        cancel="?"
        action="/projects?index"
      />
    ) : null;
  const instant = useInstant();
  return (
    <article className="space-y-6">
      <header>
        <p className="text-sm text-slate-500">
          {project.key}
          {inline("team") ?? (
            <>
              {project.team ? ` · ${project.team.name}` : " · no team"}
              {editable ? (
                <>
                  {" "}
                  <Link to="?edit=team" preventScrollReset className="text-brand underline" aria-label={`Change the team of ${project.key}`}>
                    Change
                  </Link>
                </>
              ) : null}
            </>
          )}
          {project.parent ? (
            <>
              {" · forked from "}
              <Link className="text-brand underline" to={`/projects/${project.parent.key}`}>
                {project.parent.key} {project.parent.title}
              </Link>
            </>
          ) : null}
        </p>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <h1 className="text-2xl font-bold">{project.title}</h1>
          {/* Anyone who may read a project may watch it: told when its gates are decided (issue 25). */}
          <Form method="post" action={`/projects/${project.key}/watch`}>
            <input type="hidden" name="watch" value={watched ? "off" : "on"} />
            <Button type="submit" variant="secondary" aria-pressed={watched}>
              {watched ? "Watching" : "Watch"}
              <span className="sr-only"> {project.key}</span>
            </Button>
          </Form>
        </div>
        <dl className="mt-3 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-4" aria-label="Page 0">
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
            <dd className="font-medium">
              {inline("owner") ?? (
                <>
                  {project.owner?.name ?? "No single-threaded owner yet"}
                  {editable ? (
                    <>
                      {" "}
                      <Link
                        to="?edit=owner"
                        preventScrollReset
                        className="text-sm font-normal text-brand underline"
                        aria-label={`Change the owner of ${project.key}`}
                      >
                        Change
                      </Link>
                    </>
                  ) : null}
                </>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">In this stage</dt>
            <dd className="font-medium">
              {project.daysInStage} days (since {instant(project.stageEnteredAt)})
              {expectedDays !== null && project.daysInStage > expectedDays ? (
                <span className="block text-sm text-warn">Over the expected {expectedDays} days</span>
              ) : null}
            </dd>
          </div>
          <div className="col-span-2 sm:col-span-1">
            <dt className="text-slate-500">Next gate date</dt>
            <dd className="font-medium" data-testid="next-gate">
              {nextGateDate ? formatDay(nextGateDate) : "None (project closed)"}
              {nextGateOverdue ? <span className="ml-1 font-semibold text-bad">(overdue)</span> : null}
              {forecast ? (
                <span className="block text-xs font-normal text-slate-600" data-testid="gate-forecast">
                  {forecast.ok
                    ? `Likely ${formatDay(forecast.p50)}, by ${formatDay(forecast.p85)} in 85 of 100 cases: a forecast from ${forecast.from} past ${forecast.from === 1 ? "project" : "projects"}${forecast.scope === "team" ? " of this team" : ""}, not a promise.`
                    : `No forecast: ${forecast.reason}`}
                </span>
              ) : null}
            </dd>
          </div>
          <div className="col-span-2 sm:col-span-1">
            <dt className="text-slate-500">Headline metric</dt>
            <dd data-testid="headline-metric">
              <HeadlineMetric headline={headline} />
            </dd>
          </div>
          <div className="col-span-2">
            <dt className="text-slate-500">Last gate decision</dt>
            <dd>
              {lastDecision
                ? `${DECISION_NAMES[lastDecision.decision]} at ${STAGE_NAMES[lastDecision.stage]} by ${lastDecision.by} on ${instant(lastDecision.at)}`
                : "None yet"}
            </dd>
          </div>
        </dl>
        <ol aria-label="Stage path" className={`mt-3 grid grid-cols-2 gap-2 text-xs ${stageColumns().sm}`}>
          {path.map((p) => (
            <li
              key={p.stage}
              aria-current={p.current ? "step" : undefined}
              className={`rounded border px-2 py-1.5 ${p.current ? "border-brand bg-brand-light" : p.visits ? "border-slate-300 bg-white" : "border-dashed border-slate-300 text-slate-500"}`}
            >
              <span className="block font-semibold">
                {stageIndex(p.stage) + 1}. {STAGE_NAMES[p.stage]}
                {p.current ? <span className="sr-only"> (current)</span> : null}
              </span>
              {p.visits ? (
                <span>
                  {p.days} {p.days === 1 ? "day" : "days"}
                  {p.firstEnteredAt ? ` · from ${instant(p.firstEnteredAt)}` : ""}
                  {p.visits > 1 ? ` · ${p.visits} visits` : ""}
                </span>
              ) : (
                <span>Not reached</span>
              )}
            </li>
          ))}
        </ol>
        {overdue ? (
          <p role="status" className="mt-3 rounded-lg border border-warn bg-warn-light px-4 py-3 text-sm text-warn">
            <span className="font-semibold">{OVERDUE_HEADINGS[overdue.kind]}:</span>{" "}
            {overdue.kind === "hold" ? (
              `the gate was to be revisited on ${formatDay(overdue.date)}.`
            ) : overdue.kind === "condition" ? (
              `the Conditional Go's condition was due on ${formatDay(overdue.date)}.`
            ) : (
              <>
                a milestone was due on {formatDay(overdue.date)} and is not done.{" "}
                <Link to="plan#milestones" className="underline">
                  See the plan
                </Link>
              </>
            )}
          </p>
        ) : null}
      </header>

      {/* Links, not a tablist: each tab is a page of its own, with its own address, that works before JavaScript loads. */}
      <nav aria-label="Project sections" className="-mt-2 overflow-x-auto border-b border-slate-200">
        <ul className="flex">
          {PROJECT_TABS.map(({ tab, label }) => (
            <li key={tab}>
              <NavLink to={projectTab(project.key, tab)} end={tab === ""} preventScrollReset className={tabClass}>
                {label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>

      <Outlet />
    </article>
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
            {headline.cadence === "daily" ? "on" : headline.cadence === "monthly" ? "month of" : "week of"} {formatDay(latest.periodStart)}
          </span>
        </span>
      ) : (
        <span className="block text-slate-500">No values yet</span>
      )}
      <Sparkline points={headline.spark} label={headline.name} />
      {headline.inputs.map((i, n) => (
        <span key={i.id} className="block text-xs text-slate-600">
          {i.name}
          <Sparkline points={i.spark} label={i.name} series={n === 0 ? 1 : 2} />
        </span>
      ))}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
