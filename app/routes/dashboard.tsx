import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { HeadRow } from "~/components/ui/head-row";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Button, SelectField } from "~/components/ui/field";
import { getDashboardCached } from "~/modules/dashboard/dashboard.server";
import { adoptionMetrics } from "~/modules/dashboard/adoption.server";
import { clampedInt } from "~/modules/projects/list-params";
import { Bars, Sparkline } from "~/components/charts/lazy-charts";
import { formatMetricValue } from "~/modules/metrics/format";
import { DASHBOARD_PERIODS, type DashboardPeriod } from "~/modules/dashboard/periods";
import { loadCurrentPlaybook } from "~/modules/lifecycle/playbook.server";
import { DECISION_NAMES, STAGE_NAMES } from "~/modules/lifecycle/stages";
import { pastStageDurations } from "~/modules/lifecycle/forecast.server";
import { listTeams } from "~/modules/projects/projects.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { badRequest } from "~/utils/http.server";
import { Section } from "~/components/ui/section";

export const meta: MetaFunction = () => [{ title: "Portfolio dashboard · Gatepath" }];

const PERIODS = Object.keys(DASHBOARD_PERIODS) as [DashboardPeriod, ...DashboardPeriod[]];
const Params = z.object({
  team: z
    .string()
    .trim()
    .max(80)
    .optional()
    .transform((s) => s || null),
  period: z.enum(PERIODS, { errorMap: () => ({ message: `period: use one of ${PERIODS.join(", ")}` }) }).default("12m"),
  // The page of the adoption metrics; out of range is the nearest page.
  ap: clampedInt(1, 100_000, 1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "project:read");
  const search = new URL(request.url).searchParams;
  const parsed = Params.safeParse({ team: search.get("team") ?? undefined, period: search.get("period") || undefined, ap: search.get("ap") ?? undefined });
  if (!parsed.success) throw badRequest(parsed.error.issues.map((i) => i.message).join("; "));
  const [playbook, teams] = await Promise.all([loadCurrentPlaybook(prisma), listTeams(prisma)]);
  // How long each stage took in the past (issue 26, item 6): finished visits, of the chosen team or all.
  const teamId = parsed.data.team ? (teams.find((t) => t.slug === parsed.data.team)?.id ?? "none") : null;
  const [dashboard, adoptionCharts, past] = await Promise.all([
    getDashboardCached(prisma, { team: parsed.data.team, period: parsed.data.period, playbook }),
    adoptionMetrics(prisma, { team: parsed.data.team, page: parsed.data.ap }),
    pastStageDurations(prisma, teamId),
  ]);
  const durations = [...past].map(([stage, d]) => ({ stage, ...(d ?? { visits: 0, median: null, p85: null }) }));
  return json({ ...dashboard, adoptionCharts, filter: parsed.data, teams, durations });
}

const pct = (x: number | null) => (x === null ? "–" : `${Math.round(x * 100)}%`);
const days = (x: number | null) => (x === null ? "–" : `${Math.round(x)} d`);

/** Every output of the projects in Executing and Adoption, furthest off target first, a small chart each. */
function AdoptionCharts({ data, search }: { data: ReturnType<typeof useLoaderData<typeof loader>>["adoptionCharts"]; search: (page: number) => string }) {
  return (
    <Section id="adoption-charts" title={`Adoption: the output metrics (${data.offTarget} of ${data.total} off target)`}>
      <p className="mt-1 text-sm text-slate-600">
        Each output metric with a target of the projects in Executing and Adoption, furthest off target first; the dashed line is the target, the line the last
        twelve weeks.
      </p>
      {data.total === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No project in Executing or Adoption has an output metric with a target yet.</p>
      ) : (
        <ol className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="adoption-metrics">
          {data.metrics.map((m) => (
            <li key={m.id} className="rounded border border-slate-200 p-3 text-sm" data-gap={m.gap === null ? "none" : m.gap > 0 ? "off" : "on"}>
              {/* Each link at least 24 px tall: two stacked links are targets a finger can tell apart. */}
              <Link to={`/projects/${m.key}`} className="inline-block py-1 text-xs text-brand underline">
                {m.key} {m.title}
              </Link>
              <p className="font-medium">
                <Link to={`/metrics/${m.id}`} className="inline-block py-0.5 underline">
                  {m.name}
                </Link>
              </p>
              <p className={m.gap === null ? "text-slate-600" : m.gap > 0 ? "font-semibold text-bad" : "text-ok"}>
                {m.latest === null
                  ? "No value yet"
                  : `${formatMetricValue(m.latest, m)} against ${formatMetricValue(m.target, m)}: ${m.gap! > 0 ? `off target by ${Math.round(m.gap! * 100)}%` : "at target"}`}
              </p>
              <Sparkline points={m.trend} label={m.name} target={m.target} caption="last twelve weeks against the target" />
            </li>
          ))}
        </ol>
      )}
      {data.pages > 1 ? (
        <nav aria-label="Adoption metrics pages" className="mt-3 flex items-center gap-3 text-sm">
          {data.page > 1 ? (
            <Link to={search(data.page - 1)} className="text-brand underline">
              Previous
            </Link>
          ) : null}
          <span>
            Page {data.page} of {data.pages}
          </span>
          {data.page < data.pages ? (
            <Link to={search(data.page + 1)} className="text-brand underline">
              Next
            </Link>
          ) : null}
        </nav>
      ) : null}
    </Section>
  );
}

export default function Dashboard() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">Portfolio dashboard</h1>
          <p className="text-sm">
            Weekly business reviews:{" "}
            {d.teams.map((t, i) => (
              <span key={t.slug}>
                {i ? ", " : ""}
                <Link to={`/teams/${t.slug}/wbr`} className="text-brand underline">
                  {t.name}
                </Link>
              </span>
            ))}
          </p>
        </div>
        <Form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filter the dashboard">
          <SelectField id="d-team" name="team" label="Team" defaultValue={d.filter.team ?? ""}>
            <option value="">All teams</option>
            {d.teams.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </SelectField>
          <SelectField id="d-period" name="period" label="Decisions in the last" defaultValue={d.filter.period}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {DASHBOARD_PERIODS[p]} months
              </option>
            ))}
          </SelectField>
          <Button type="submit">Apply</Button>
        </Form>
      </div>

      <div className="grid gap-4 sm:grid-cols-3">
        <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="debt">
          <p className="text-sm text-slate-600">Gate debt</p>
          <p className="text-2xl font-bold">{d.debt.projects}</p>
          <p className="text-sm">projects, {d.debt.criteria} criteria no longer hold</p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="adoption">
          <p className="text-sm text-slate-600">Adoption metrics (outputs of projects in Adoption)</p>
          <p className="text-2xl font-bold">
            {d.adoption.atTarget} of {d.adoption.total}
          </p>
          <p className="text-sm">at target; {d.adoption.total - d.adoption.atTarget} off target</p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="stopped-at-plan">
          <p className="text-sm text-slate-600">Stopped at Plan</p>
          <p className="text-2xl font-bold">{d.stoppedAtPlan.count}</p>
          <p className="text-sm">
            {d.stoppedAtPlan.recent.map((p, i) => (
              <span key={p.key}>
                {i ? ", " : ""}
                <Link to={`/projects/${p.key}`} className="text-brand underline">
                  {p.key}
                </Link>
              </span>
            ))}
          </p>
        </div>
      </div>

      <Section id="funnel" title="Projects by stage">
        <Bars layout="rows" title="Open projects" data={d.stages.map((s) => ({ label: STAGE_NAMES[s.stage], value: s.open }))} />
        <div className="overflow-x-auto">
          <table className="mt-2 min-w-full text-sm" data-testid="stages">
            <caption className="sr-only">Open projects, time in stage, stuck projects and gate outcomes by stage</caption>
            <thead className="text-left">
              <HeadRow
                columns={[
                  "Stage",
                  "Open projects",
                  "Median in stage",
                  "Slowest",
                  "Stuck (past expected)",
                  "Gate decisions",
                  "Go",
                  "Hold",
                  "Stopped",
                  { label: "Recycled", className: "py-1" },
                ]}
              />
            </thead>
            <tbody className="divide-y divide-slate-100">
              {d.stages.map((s) => (
                <tr key={s.stage} data-stage={s.stage}>
                  <th scope="row" className="py-1 pr-3 text-left font-medium">
                    {STAGE_NAMES[s.stage]}
                  </th>
                  <td className="py-1 pr-3 tabular-nums">{s.open}</td>
                  <td className="py-1 pr-3 tabular-nums">{days(s.medianDays)}</td>
                  <td className="py-1 pr-3 tabular-nums">{days(s.slowestDays)}</td>
                  <td className="py-1 pr-3 tabular-nums">
                    {s.stuck}
                    <span className="text-xs text-slate-500"> (over {s.expectedDays} d)</span>
                  </td>
                  <td className="py-1 pr-3 tabular-nums">{s.decided}</td>
                  <td className="py-1 pr-3 tabular-nums">{pct(s.goRate)}</td>
                  <td className="py-1 pr-3 tabular-nums">{pct(s.holdRate)}</td>
                  <td className="py-1 pr-3 tabular-nums">{pct(s.stopRate)}</td>
                  <td className="py-1 tabular-nums">{pct(s.recycleRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="mt-1 text-xs text-slate-500">
          Time in stage is for active projects now in the stage. Go, hold, stop and recycle rates are shares of the gate decisions since {d.since}.
        </p>
      </Section>

      <Section id="reasons" title="Why gates stopped, recycled or held projects">
        {d.stages.every((s) => s.reasons.length === 0) ? (
          <p className="mt-2 text-sm text-slate-600">No project was stopped, recycled or held since {d.since}.</p>
        ) : (
          <dl className="mt-2 space-y-3 text-sm" data-testid="reasons">
            {d.stages
              .filter((s) => s.reasons.length > 0)
              .map((s) => (
                <div key={s.stage} data-stage={s.stage}>
                  <dt className="font-medium">{STAGE_NAMES[s.stage]}</dt>
                  <dd>
                    <ul className="list-disc pl-5">
                      {s.reasons.map((r) => (
                        <li key={`${r.decision}-${r.reason}`}>
                          <span className="font-medium">{DECISION_NAMES[r.decision]}</span> ×{r.n}: “{r.reason}”
                        </li>
                      ))}
                    </ul>
                  </dd>
                </div>
              ))}
          </dl>
        )}
        <p className="mt-1 text-xs text-slate-500">The two reasons deciders gave most often for each outcome at each gate, in their words, since {d.since}.</p>
      </Section>

      <Section id="recurring" title="Recurring root causes">
        {d.recurring.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No root cause has come back: no COE names a category that an earlier, closed COE had fixed.</p>
        ) : (
          <dl className="mt-2 space-y-3 text-sm" data-testid="recurring-categories">
            {d.recurring.map((g) => (
              <div key={g.category}>
                <dt className="font-medium">
                  {g.category}{" "}
                  <span className="font-normal text-slate-600">
                    ({g.coes.length} recurrence{g.coes.length === 1 ? "" : "s"})
                  </span>
                </dt>
                <dd>
                  <ul className="list-disc pl-5">
                    {g.coes.map((c) => (
                      <li key={`${c.coeId}-${c.earlierId}`}>
                        <Link to={`/artifacts/${c.coeId}/record`} className="text-brand underline">
                          {c.coeTitle} ({c.coeProject})
                        </Link>{" "}
                        on {c.at}, after{" "}
                        <Link to={`/artifacts/${c.earlierId}/record`} className="text-brand underline">
                          {c.earlierTitle} ({c.earlierProject})
                        </Link>{" "}
                        had closed it
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            ))}
          </dl>
        )}
      </Section>

      <Section id="durations" title="How long stages took">
        <table className="mt-2 min-w-full text-sm" data-testid="durations">
          <caption className="sr-only">Finished visits of each stage: how many, and the days they took</caption>
          <thead className="text-left">
            <HeadRow columns={["Stage", "Finished visits", "Median", { label: "85 in 100 within", className: "py-1" }]} />
          </thead>
          <tbody className="divide-y divide-slate-100">
            {d.durations.map((s) => (
              <tr key={s.stage} data-stage={s.stage}>
                <th scope="row" className="py-1 pr-3 text-left font-medium">
                  {STAGE_NAMES[s.stage]}
                </th>
                <td className="py-1 pr-3 tabular-nums">{s.visits}</td>
                <td className="py-1 pr-3 tabular-nums">{days(s.median)}</td>
                <td className="py-1 tabular-nums">{days(s.p85)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-1 text-xs text-slate-500">
          From every visit of a stage that a gate decision ended (Go, Recycle or Stop; a Hold does not end one), since the first project
          {d.filter.team ? ", of this team" : ""}. Each open project&rsquo;s page forecasts its next gate from these.
        </p>
      </Section>

      <div className="grid gap-4 lg:grid-cols-2">
        <Section id="passed" title="Gates passed per month">
          <Bars layout="columns" title="Gates passed" data={d.months.map((m) => ({ label: m.month, value: m.passed }))} />
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer text-brand underline">The numbers</summary>
            <table className="mt-2 min-w-full text-sm" data-testid="passed">
              <caption className="sr-only">Go and Conditional Go decisions per month</caption>
              <tbody>
                {d.months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row" className="w-20 py-0.5 pr-3 text-left font-normal tabular-nums">
                      {m.month}
                    </th>
                    <td className="py-0.5 tabular-nums">{m.passed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </Section>
        <Section id="stuck" title={<>Longest past their stage&rsquo;s expected time</>}>
          {d.stuckList.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">No project is past its stage&rsquo;s expected time.</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm">
              {d.stuckList.map((p) => (
                <li key={p.key}>
                  <Link to={`/projects/${p.key}`} className="text-brand underline">
                    {p.key} {p.title}
                  </Link>{" "}
                  <span className="text-slate-600">
                    · {STAGE_NAMES[p.stage]} for {p.days} days
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>

      <AdoptionCharts
        data={d.adoptionCharts}
        search={(page) =>
          `?${new URLSearchParams({ ...(d.filter.team ? { team: d.filter.team } : {}), period: d.filter.period, ap: String(page) }).toString()}#adoption-charts`
        }
      />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
