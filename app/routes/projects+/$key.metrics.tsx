import { getFormProps } from "@conform-to/react";
import { Instant } from "~/components/ui/instant";
import { redirectWithToast } from "~/utils/toast.server";
import { HeadRow } from "~/components/ui/head-row";
import { usePageForm } from "~/components/ui/intent-form";
import { parseWithZod } from "@conform-to/zod";
import { canOnProject, whoMay } from "~/modules/people/authorize";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { SixTwelveChart } from "~/components/charts/lazy-charts";
import { MetricFields } from "~/components/metric-fields";
import { Button, FormErrors } from "~/components/ui/field";
import { formatMetricValue, meetsTarget } from "~/modules/metrics/format";
import { MetricSchema } from "~/modules/metrics/metric-form";
import { createMetric, seriesOf } from "~/modules/metrics/metrics.server";
import { listProjectMetrics } from "~/modules/metrics/queries.server";
import { listUsers } from "~/modules/people/queries.server";
import { projectAccessByKey } from "~/modules/projects/projects.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { answerRefusal, forbidden, notFound } from "~/utils/http.server";
import { Section } from "~/components/ui/section";
import { Disclosure } from "~/components/ui/disclosure";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Metrics · ${data.project.key} · Gatepath` : "Metrics · Gatepath" }];

async function findProject(key: string | undefined) {
  const project = await projectAccessByKey(prisma, key);
  if (!project) throw notFound(`There is no project ${key ?? ""}.`);
  return project;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const project = await findProject(params.key);
  const canEdit = canOnProject(user, project, "edit_plan");
  const [metrics, people] = await Promise.all([listProjectMetrics(prisma, project.id), canEdit ? listUsers(prisma) : Promise.resolve([])]);
  const series = await seriesOf(
    prisma,
    metrics.filter((m) => !m.retiredAt),
  );
  return json({ project: { key: project.key, title: project.title }, metrics, series, canEdit, people: people.map((p) => ({ id: p.id, name: p.name })) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:write");
  const project = await findProject(params.key);
  // Who may, before what they sent: a refused person learns nothing from validation.
  if (!canOnProject(user, project, "edit_plan")) throw forbidden(`Only ${whoMay("edit_plan")} define its metrics.`);
  const submission = parseWithZod(await request.formData(), { schema: MetricSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const result = await createMetric(prisma, user, project.id, submission.value);
  if (result.ok) return redirectWithToast(`/metrics/${result.id}`, "Metric defined. Enter its values below, import a file, or feed it through the API.");
  return answerRefusal(result, (errors) => ({ result: submission.reply(errors) }));
}

export default function ProjectMetrics() {
  const { project, metrics, series, canEdit, people } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>()?.result;
  const [form] = usePageForm(MetricSchema, { id: "new-metric", lastResult });
  const busy = useNavigation().state === "submitting";
  const live = metrics.filter((m) => !m.retiredAt);
  const outputs = live.filter((m) => m.kind === "output");
  const byId = new Map(metrics.map((m) => [m.id, m.name]));
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline gap-4">
        <h2 className="text-lg font-semibold">Metrics</h2>
        {canEdit ? (
          <Link to={`/projects/${project.key}/metrics/import`} className="text-sm text-brand underline">
            Import values from a CSV file
          </Link>
        ) : null}
      </div>
      <p className="text-sm text-slate-600">
        Inputs first (what the team controls), then the outputs they drive. The Plan gate needs an input with a target that drives an output with a target.
      </p>
      {metrics.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm">No metric is defined yet{canEdit ? ": add the first one below." : "."}</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="min-w-full rounded-lg border border-slate-200 bg-white text-sm">
            <caption className="sr-only">Metrics of {project.key}</caption>
            <thead className="bg-slate-50 text-left">
              <HeadRow cell="px-3 py-2" columns={["Metric", "Kind", "Newest value", "Target", "Drives"]} />
            </thead>
            <tbody className="divide-y divide-slate-100">
              {metrics.map((m) => {
                const met = m.latest ? meetsTarget(m.latest.value, m.target, m.direction) : null;
                return (
                  <tr key={m.id} data-metric={m.name} className={m.retiredAt ? "text-slate-500" : ""}>
                    <td className="px-3 py-2">
                      <Link to={`/metrics/${m.id}`} className="font-medium text-brand underline">
                        {m.name}
                      </Link>
                      {m.retiredAt ? (
                        <span className="ml-1 text-xs">
                          (retired <Instant value={m.retiredAt} />)
                        </span>
                      ) : null}
                    </td>
                    <td className="px-3 py-2">{m.kind === "input" ? "Input" : "Output"}</td>
                    <td className="px-3 py-2">
                      {m.latest ? formatMetricValue(m.latest.value, m) : "No values yet"}
                      {met !== null ? (
                        <span className={`ml-1 text-xs font-semibold ${met ? "text-ok" : "text-bad"}`}>{met ? "on target" : "off target"}</span>
                      ) : null}
                    </td>
                    <td className="px-3 py-2">{m.target !== null ? `${m.direction === "higher" ? "≥" : "≤"} ${formatMetricValue(m.target, m)}` : "None"}</td>
                    <td className="px-3 py-2">{m.drives.map((id) => byId.get(id)).join(", ")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {outputs.length > 0 ? (
        <section aria-labelledby="causal" className="space-y-4">
          <h3 id="causal" className="text-lg font-semibold">
            Inputs beside the outputs they drive
          </h3>
          {outputs.map((o) => {
            const inputs = live.filter((m) => m.drives.includes(o.id));
            return (
              <div key={o.id} className="grid gap-3 md:grid-cols-2 xl:grid-cols-3" data-causal-row={o.name}>
                {[o, ...inputs].map((m) => (
                  <div key={m.id} className="rounded-lg border border-slate-200 bg-white p-3">
                    <h4 className="text-sm font-semibold">
                      <span className="text-xs uppercase text-slate-500">{m.kind}</span>{" "}
                      <Link to={`/metrics/${m.id}`} className="hover:text-brand">
                        {m.name}
                      </Link>
                    </h4>
                    <SixTwelveChart
                      weeks={series[m.id]!.weeks}
                      months={series[m.id]!.months}
                      isRate={m.isRate}
                      format={(v) => formatMetricValue(v, m)}
                      title={m.name}
                    />
                  </div>
                ))}
              </div>
            );
          })}
        </section>
      ) : null}

      {canEdit ? (
        <Section id="add-metric" title="Add a metric">
          <Disclosure summary="Define a metric" open={lastResult !== undefined || metrics.length === 0}>
            <Form method="post" className="mt-2 space-y-3" {...getFormProps(form)}>
              <FormErrors errors={form.errors} />
              <MetricFields errors={form.allErrors} people={people} outputs={outputs.map((o) => ({ id: o.id, name: o.name }))} />
              <Button type="submit" disabled={busy}>
                Add metric
              </Button>
            </Form>
          </Disclosure>
        </Section>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
