import { parseWithZod } from "@conform-to/zod";
import { Instant } from "~/components/ui/instant";
import { formatDay } from "~/utils/dates";
import { HeadRow } from "~/components/ui/head-row";
import { canOnProject, whoMay, type ProjectAction } from "~/modules/people/authorize";
import { mayOnProject } from "~/modules/people/project-people.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { SixTwelveChart } from "~/components/charts/lazy-charts";
import { MetricFields } from "~/components/metric-fields";
import { Button, FormErrors, SelectField, TextField } from "~/components/ui/field";
import { formatMetricValue } from "~/modules/metrics/format";
import { MetricSchema, RetireMetricSchema, ValueGridSchema } from "~/modules/metrics/metric-form";
import { annotate, retireMetric, seriesOf, updateMetric } from "~/modules/metrics/metrics.server";
import { getMetric, listProjectMetrics } from "~/modules/metrics/queries.server";
import { ANNOTATION_KINDS, ANNOTATION_NAMES, AnnotationSchema } from "~/modules/metrics/annotation-form";
import { boxTotals, sixTwelve, sixTwelveSince, type Change, type Total } from "~/modules/metrics/six-twelve";
import { flagSeries } from "~/modules/metrics/xmr";
import { dayString, recentPeriods, CADENCE_PERIOD } from "~/modules/metrics/periods";
import { projectMetricRefs, recordValues } from "~/modules/metrics/values.server";
import type { RawValueRow } from "~/modules/metrics/value-rows";
import { listUsers } from "~/modules/people/queries.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { IdParam } from "~/utils/params";
import { badRequest, notFound, refusalResponse } from "~/utils/http.server";
import { dispatchIntent, intentOf, submitIntent, type IntentAction, type IntentReply } from "~/utils/intent.server";
import { useIntentForm } from "~/components/ui/intent-form";
import type { Person } from "~/modules/people/authorize";
import { Section } from "~/components/ui/section";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.metric.name} · Gatepath` : "Metric · Gatepath" }];

const RECENT = 12;
const GRID_PERIODS = 8;

async function load(id: string | undefined) {
  const parsed = IdParam.safeParse(id);
  const metric = parsed.success ? await getMetric(prisma, parsed.data, sixTwelveSince(new Date())) : null;
  if (!metric) throw notFound("There is no such metric.");
  return metric;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const metric = await load(params.id);
  const search = new URL(request.url).searchParams;
  const now = new Date();
  const shape = { aggregate: metric.aggregate, isRate: metric.isRate, target: metric.target, cadence: metric.cadence };
  const recent = metric.values.slice(-RECENT);
  const flags = flagSeries(
    recent.map((v) => v.value),
    metric,
  );
  const canEdit = canOnProject(user, metric.project, "write") && !metric.retiredAt;
  const canComment = await mayOnProject(prisma, user, metric.project, "comment");
  const [siblings, people] = await Promise.all([listProjectMetrics(prisma, metric.project.id), canEdit ? listUsers(prisma) : Promise.resolve([])]);
  // Metrics that can share this chart: live, of the same project and unit.
  const comparable = siblings.filter((m) => m.id !== metric.id && !m.retiredAt && m.unit === metric.unit && m.isRate === metric.isRate);
  const chosen = search.getAll("with").filter(Boolean);
  if (chosen.length > 2) throw badRequest("with: a chart shows three metrics at most; choose two others at most.");
  const others = chosen.map((id) => comparable.find((m) => m.id === id));
  if (others.some((m) => !m)) throw badRequest("with: compare with live metrics of this project that have the same unit.");
  const otherSeries = await seriesOf(prisma, others as NonNullable<(typeof others)[number]>[], now);
  const { values, project, annotations, ...definition } = metric;
  const notes = new Map<string, { kind: string; body: string; author: string }[]>();
  for (const a of annotations) {
    const key = dayString(a.periodStart);
    notes.set(key, [...(notes.get(key) ?? []), { kind: a.kind, body: a.body, author: a.author.name }]);
  }
  const byDay = new Map(values.map((v) => [dayString(v.periodStart), v.value]));
  const grid = recentPeriods(metric.cadence, now, GRID_PERIODS).map((start) => ({ period: dayString(start), value: byDay.get(dayString(start)) ?? null }));
  return json({
    grid,
    metric: { ...definition, drives: metric.drives.map((d) => d.output), drivenBy: metric.drivenBy.map((d) => d.input) },
    project: { key: project.key, title: project.title },
    series: sixTwelve(values, shape, now),
    totals: boxTotals(values, shape, now),
    recent: recent.map((v, i) => ({ ...v, ...flags[i]!, period: dayString(v.periodStart), notes: notes.get(dayString(v.periodStart)) ?? [] })).reverse(),
    canEdit,
    canComment,
    people: people.map((p) => ({ id: p.id, name: p.name })),
    comparable: comparable.map((m) => ({ id: m.id, name: m.name })),
    others: (others as { id: string; name: string }[]).map((m) => ({ id: m.id, name: m.name, ...otherSeries[m.id]! })),
    outputs: siblings.filter((m) => m.kind === "output" && !m.retiredAt && m.id !== metric.id).map((m) => ({ id: m.id, name: m.name })),
  });
}

type Context = { user: Person; metric: Awaited<ReturnType<typeof load>> };

/** The value grid: only what changed goes to the shared value check, and every problem comes back beside its cell. */
const valuesAction: IntentAction<Context> = async ({ user, metric }, form, intent) => {
  const submission = parseWithZod(form, { schema: ValueGridSchema });
  if (submission.status !== "success") return json<IntentReply>({ intent, result: submission.reply() }, { status: 400 });
  const fail = (fieldErrors: Record<string, string[]>, formError: string) =>
    json<IntentReply>({ intent, result: submission.reply({ fieldErrors, formErrors: [formError] }) }, { status: 400 });
  const existing = new Map(metric.values.map((v) => [dayString(v.periodStart), v.value]));
  const rows: RawValueRow[] = [];
  for (const [name, raw] of Object.entries(submission.value)) {
    if (!name.startsWith("v_") || typeof raw !== "string") continue;
    const period = name.slice(2);
    // Only what changed: a new or corrected number, or a cleared cell that had a value.
    if (raw.trim() === "" ? !existing.has(period) : Number(raw) === existing.get(period)) continue;
    rows.push({ row: rows.length + 1, metric: metric.id, period, value: raw });
  }
  const extraPeriod = submission.value.period?.trim() ?? "";
  const extraValue = submission.value.value?.trim() ?? "";
  if (extraPeriod && !extraValue) return fail({ value: ["Give the value of that period"] }, "Nothing was saved.");
  const extraRow = extraPeriod || extraValue ? rows.push({ row: rows.length + 1, metric: metric.id, period: extraPeriod, value: extraValue }) : null;
  if (rows.length === 0) return fail({}, "Nothing changed.");
  const result = await recordValues(prisma, {
    actorId: user.id,
    source: "manual",
    metrics: await projectMetricRefs(prisma, { ids: [metric.id] }),
    rows,
    allowEmpty: true,
  });
  if (result.ok) return json<IntentReply>({ intent, result: submission.reply({ resetForm: true }), saved: true });
  const errors: Record<string, string[]> = {};
  for (const p of result.problems) {
    const field = p.row === extraRow ? (p.field === "value" ? "value" : "period") : `v_${String(rows[p.row - 1]!.period)}`;
    (errors[field] ??= []).push(p.message);
  }
  return fail(errors, "Nothing was saved: fix the values marked below.");
};

/** What each intent is in the authorization table: values are written, notes are comments, the definition is the plan. */
const MAY: Record<string, ProjectAction> = { update: "edit_plan", values: "write", annotate: "comment", retire: "edit_plan" };

/** Every intent the metric page's forms send, each to its own function. */
const INTENTS: Record<string, IntentAction<Context>> = {
  update: ({ user, metric }, form, intent) => submitIntent(form, intent, MetricSchema, (v) => updateMetric(prisma, user, metric.project.id, metric.id, v)),
  values: valuesAction,
  annotate: ({ user, metric }, form, intent) =>
    submitIntent(
      form,
      intent,
      AnnotationSchema,
      (v) => annotate(prisma, user, metric.project.id, metric.id, { periodStart: new Date(`${v.period}T00:00:00Z`), kind: v.kind, body: v.body }),
      { to: `/metrics/${metric.id}#recent`, message: (v) => `Note added to the period of ${formatDay(v.period)}.` },
    ),
  retire: ({ user, metric }, form, intent) =>
    submitIntent(form, intent, RetireMetricSchema, (v) => retireMetric(prisma, user, metric.project.id, metric.id, v.reason), {
      to: `/metrics/${metric.id}`,
      message: () => "Metric retired; its history stays.",
    }),
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:write");
  const metric = await load(params.id);
  // Who may, before what they sent: each intent is a kind of change in the authorization table.
  const form = await request.formData();
  const may = MAY[intentOf(form, MAY)];
  if (!(await mayOnProject(prisma, user, metric.project, may)))
    throw refusalResponse({ status: 403, message: `Only ${whoMay(may)} can do this to its metrics.` });
  return dispatchIntent(form, INTENTS, { user, metric });
}

function describeChange(c: Change) {
  if (!c) return "n/a";
  if (c.unit === "bps") return `${c.value > 0 ? "+" : ""}${c.value.toLocaleString("en")} bps`;
  return `${c.value > 0 ? "+" : ""}${c.value.toLocaleString("en", { maximumFractionDigits: 1 })}%`;
}

export default function MetricPage() {
  const { metric, project, series, totals, recent, canEdit, canComment, people, outputs, grid, comparable, others } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const fmt = (v: number | null) => (v === null ? "no data" : formatMetricValue(v, metric));
  const annotateForm = useIntentForm("annotate", AnnotationSchema);
  const valuesForm = useIntentForm("values", ValueGridSchema);
  const updateForm = useIntentForm("update", MetricSchema);
  const retireForm = useIntentForm("retire", RetireMetricSchema);
  const rows: [string, Total & { extra?: string }][] = [
    ["Last week", { ...totals.lastWeek, extra: `week over week ${describeChange(totals.lastWeek.wow)}` }],
    ["Month to date", totals.monthToDate],
    ["Quarter to date", totals.quarterToDate],
    ["Year to date", totals.yearToDate],
  ];
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <p className="text-sm">
        <Link to={`/projects/${project.key}/metrics`} className="text-brand underline">
          ← Metrics of {project.key} {project.title}
        </Link>
      </p>
      <header>
        <h1 className="text-2xl font-bold">{metric.name}</h1>
        <p className="text-sm text-slate-700">
          {metric.kind === "input" ? "Input" : "Output"} · {metric.cadence} · {metric.direction === "higher" ? "higher is better" : "lower is better"}
          {metric.target !== null ? ` · target ${fmt(metric.target)}` : " · no target"}
          {metric.owner ? ` · owner ${metric.owner.name}` : ""}
          {metric.retiredAt ? (
            <>
              {" "}
              · retired <Instant value={metric.retiredAt} />
            </>
          ) : (
            ""
          )}
        </p>
        <p className="mt-1 text-sm">{metric.definition}</p>
        {metric.drives.length ? <p className="text-sm">Drives: {metric.drives.map((o) => o.name).join(", ")}</p> : null}
        {metric.drivenBy.length ? <p className="text-sm">Driven by: {metric.drivenBy.map((o) => o.name).join(", ")}</p> : null}
      </header>

      <Section id="six-twelve" title="6-12: the last 6 weeks and 12 months">
        <SixTwelveChart
          before="The chart draws once the page has loaded; the numbers are below."
          weeks={series.weeks}
          months={series.months}
          isRate={metric.isRate}
          format={(v) => fmt(v)}
          title={metric.name}
          others={others}
        />
        {comparable.length > 0 ? (
          <Form method="get" className="mt-2 flex flex-wrap items-center gap-3 text-sm print:hidden" aria-label="Compare on one chart">
            <span className="font-medium">On the same chart (two at most, same unit):</span>
            {comparable.map((m) => (
              <label key={m.id} className="flex items-center gap-1.5">
                <input type="checkbox" name="with" value={m.id} defaultChecked={others.some((o) => o.id === m.id)} /> {m.name}
              </label>
            ))}
            <Button type="submit" variant="secondary" className="px-2 py-1">
              Show
            </Button>
          </Form>
        ) : null}
        <table className="mt-3 min-w-full text-sm" data-testid="box-totals">
          <caption className="text-left text-xs text-slate-600">Through {formatDay(totals.through, "long")}; last year means 364 days earlier.</caption>
          <thead className="text-left">
            <HeadRow columns={["", "This year", "Last year", "Year over year"]} />
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map(([label, t]) => (
              <tr key={label} data-total={label}>
                <th scope="row" className="py-1 pr-3 text-left font-medium">
                  {label}
                </th>
                <td className="py-1 pr-3">
                  {fmt(t.value)}
                  {t.extra ? <span className="block text-xs text-slate-600">{t.extra}</span> : null}
                </td>
                <td className="py-1 pr-3">{fmt(t.lastYear)}</td>
                <td className="py-1 pr-3">{describeChange(t.yoy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <Section id="recent" title="Recent values">
        <p className="text-sm text-slate-600">
          A value off target, or outside the natural process limits of the last {RECENT} values (mean ± 2.66 × the average moving range), is flagged until
          someone annotates it.
        </p>
        <FormErrors errors={annotateForm.form.errors} />
        {recent.length === 0 ? (
          <p className="text-sm text-slate-600">No values yet.</p>
        ) : (
          <table className="mt-2 min-w-full text-sm">
            <caption className="sr-only">Recent values with their flags</caption>
            <thead className="text-left">
              <HeadRow columns={["Period", "Value", "Flags"]} />
            </thead>
            <tbody className="divide-y divide-slate-100">
              {recent.map((v) => {
                const flagged = v.offTarget || v.outsideLimits;
                return (
                  <tr key={v.period} data-period={v.period}>
                    <td className="py-1 pr-3 align-top">{formatDay(v.periodStart)}</td>
                    <td className="py-1 pr-3 align-top">{fmt(v.value)}</td>
                    <td className="py-1 pr-3 align-top">
                      {v.offTarget ? <span className="mr-2 font-semibold text-bad">⚠ off target</span> : null}
                      {v.outsideLimits ? <span className="mr-2 font-semibold text-warn">⚠ outside the usual range</span> : null}
                      {!flagged ? <span className="text-slate-500">none</span> : null}
                      {flagged && v.notes.length === 0 ? <span className="block text-xs text-slate-600">Needs a note</span> : null}
                      {v.notes.map((n, i) => (
                        <span key={i} className="block text-xs" data-testid="annotation">
                          <span className="font-semibold">{ANNOTATION_NAMES[n.kind as keyof typeof ANNOTATION_NAMES]}:</span> {n.body}{" "}
                          <span className="text-slate-500">({n.author})</span>
                        </span>
                      ))}
                      {canComment && flagged ? (
                        <details className="mt-1">
                          <summary className="cursor-pointer text-xs text-brand underline">Annotate {formatDay(v.periodStart, "dayMonth")}</summary>
                          <Form method="post" className="mt-1 space-y-2">
                            <input type="hidden" name="intent" value="annotate" />
                            <input type="hidden" name="period" value={v.period} />
                            <SelectField id={`kind-${v.period}`} name="kind" label="Kind of note" defaultValue="explanation">
                              {ANNOTATION_KINDS.map((k) => (
                                <option key={k} value={k}>
                                  {ANNOTATION_NAMES[k]}
                                </option>
                              ))}
                            </SelectField>
                            <TextField id={`note-${v.period}`} name="body" label="Note" required />
                            <Button type="submit" variant="secondary" disabled={busy}>
                              Save note
                            </Button>
                          </Form>
                        </details>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Section>

      {canEdit ? (
        <Section id="values" title="Enter or correct values">
          <p className="text-sm text-slate-600">
            One value per {CADENCE_PERIOD[metric.cadence]}
            {metric.isRate ? ", as a share of 1 (0.95 for 95%)" : ""}. Clear a cell to remove its value.
          </p>
          {valuesForm.saved ? (
            <p role="status" className="mt-2 rounded bg-ok-light px-3 py-2 text-sm text-ok">
              Values saved.
            </p>
          ) : null}
          <Form method="post" className="mt-3 space-y-3" key={grid.map((g) => `${g.period}:${g.value}`).join()}>
            <FormErrors errors={valuesForm.form.errors} />
            <input type="hidden" name="intent" value="values" />
            <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
              {grid.map((g) => (
                <TextField
                  key={g.period}
                  id={`v-${g.period}`}
                  name={`v_${g.period}`}
                  label={formatDay(g.period, metric.cadence === "monthly" ? "month" : "short")}
                  inputMode="decimal"
                  defaultValue={g.value ?? ""}
                  errors={valuesForm.form.allErrors[`v_${g.period}`]}
                />
              ))}
            </div>
            <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
              <TextField id="extra-period" name="period" type="date" label="Another period" errors={valuesForm.form.allErrors.period} />
              <TextField id="extra-value" name="value" label="Its value" inputMode="decimal" errors={valuesForm.form.allErrors.value} />
            </div>
            <Button type="submit" disabled={busy}>
              Save values
            </Button>
          </Form>
        </Section>
      ) : null}

      {canEdit ? (
        <Section id="edit-metric" title="Edit the definition">
          {updateForm.saved ? (
            <p role="status" className="mt-2 rounded bg-ok-light px-3 py-2 text-sm text-ok">
              Saved.
            </p>
          ) : null}
          <Form method="post" className="mt-3 space-y-3">
            <FormErrors errors={updateForm.form.errors} />
            <input type="hidden" name="intent" value="update" />
            <MetricFields
              defaults={{ ...metric, drives: metric.drives.map((o) => o.id) }}
              errors={updateForm.form.allErrors}
              people={people}
              outputs={metric.kind === "input" ? outputs : []}
            />
            <Button type="submit" disabled={busy}>
              Save definition
            </Button>
          </Form>
          <Form method="post" className="mt-4 flex flex-wrap items-end gap-3 border-t border-slate-100 pt-4">
            <FormErrors errors={retireForm.form.errors} />
            <input type="hidden" name="intent" value="retire" />
            <TextField id="retire-reason" name="reason" label="Why retire it? (its history stays)" required errors={retireForm.form.allErrors.reason} />
            <Button type="submit" variant="secondary" disabled={busy}>
              Retire this metric
            </Button>
          </Form>
        </Section>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
