import { canOnProject, whoMay } from "~/modules/people/authorize";
import { redirectWithToast } from "~/utils/toast.server";
import { HeadRow } from "~/components/ui/head-row";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, FormErrors } from "~/components/ui/field";
import { readValuesCsv, type CsvProblem } from "~/modules/metrics/csv-values.server";
import { checkValueRows, CSV_HEADERS, type RowProblem } from "~/modules/metrics/value-rows";
import { dropImport, loadImport, projectMetricRefs, recordValues, stageImport } from "~/modules/metrics/values.server";
import { projectAccessByKey } from "~/modules/projects/projects.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/http.server";
import { intentOf } from "~/utils/intent.server";
import { IdParam } from "~/utils/params";

export const meta: MetaFunction = () => [{ title: "Import metric values · Gatepath" }];

const MAX_FILE_BYTES = 10 * 1024 * 1024;
const SHOWN_PROBLEMS = 50;

async function access(request: Request, key: string | undefined) {
  const user = await requireUserWithPermission(request, "project:write");
  const project = await projectAccessByKey(prisma, key);
  if (!project) throw notFound(`There is no project ${key ?? ""}.`);
  if (!canOnProject(user, project, "write")) throw forbidden(`Only ${whoMay("write")} record its values.`);
  return { user, project };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await access(request, params.key);
  const metrics = await projectMetricRefs(prisma, { projectId: project.id });
  return json({
    project: { key: project.key, title: project.title },
    metrics: metrics.filter((m) => !m.retired).map((m) => ({ name: m.name, cadence: m.cadence })),
  });
}

type Preview = {
  importId: string;
  fileName: string;
  total: number;
  perMetric: { name: string; count: number }[];
  sample: { row: number; metric: string; period: string; value: string }[];
};
type ActionData = { problems: CsvProblem[]; problemCount: number; formErrors: string[]; preview: Preview | null };

const reply = (data: Partial<ActionData>, status = 200) =>
  json<ActionData>({ problems: [], problemCount: 0, formErrors: [], preview: null, ...data }, { status });

type Context = { user: { id: string }; project: { id: string; key: string } };

/** Check: read and check the uploaded file, stage its rows, and show what would be imported. */
async function checkFile({ user, project }: Context, form: FormData) {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return reply({ formErrors: ["Choose a CSV file to check."] }, 400);
  if (file.size > MAX_FILE_BYTES) return reply({ formErrors: [`The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; nothing was imported.`] }, 400);
  const read = readValuesCsv(await file.text());
  if (!read.ok) return reply({ problems: read.problems, problemCount: read.problems.length, formErrors: ["Nothing was imported."] }, 400);
  const metrics = await projectMetricRefs(prisma, { projectId: project.id });
  const checked = checkValueRows(read.rows, metrics, { allowEmpty: false, now: new Date() });
  if (!checked.ok) return rowProblems(checked.problems, "Nothing was imported: fix these rows and upload the file again.");
  const staged = await stageImport(prisma, { projectId: project.id, userId: user.id, fileName: file.name, rows: read.rows });
  const names = new Map(metrics.map((m) => [m.id, m.name]));
  const counts = new Map<string, number>();
  for (const r of checked.rows) counts.set(names.get(r.metricId)!, (counts.get(names.get(r.metricId)!) ?? 0) + 1);
  return reply({
    preview: {
      importId: staged.id,
      fileName: file.name,
      total: checked.rows.length,
      perMetric: [...counts].map(([name, count]) => ({ name, count })),
      sample: read.rows.slice(0, 10).map((r) => ({ row: r.row, metric: r.metric, period: String(r.period), value: String(r.value) })),
    },
  });
}

/** Commit: write the staged rows of a checked file, all or nothing. */
async function commitImport({ user, project }: Context, form: FormData) {
  const importId = IdParam.safeParse(form.get("importId"));
  if (!importId.success) return reply({ formErrors: ["Upload the file again: this import is gone."] }, 400);
  const staged = await loadImport(prisma, { id: importId.data, projectId: project.id, userId: user.id });
  if (!staged) return reply({ formErrors: ["This import expired or was already committed; upload the file again."] }, 400);
  const result = await recordValues(prisma, {
    actorId: user.id,
    source: "csv",
    metrics: await projectMetricRefs(prisma, { projectId: project.id }),
    rows: staged.rows,
    allowEmpty: false,
    auditData: { file: staged.fileName },
  });
  if (!result.ok) return rowProblems(result.problems, "The metrics changed since the check; nothing was imported.");
  await dropImport(prisma, staged.id);
  return redirectWithToast(`/projects/${project.key}/metrics`, `Imported ${result.written.toLocaleString("en")} values.`);
}

/** The first problems of the rows, each with its line, and how many there are in all. */
function rowProblems(problems: RowProblem[], formError: string) {
  return reply(
    {
      problems: problems.slice(0, SHOWN_PROBLEMS).map((p) => ({ row: p.row, message: `${p.field}: ${p.message}` })),
      problemCount: problems.length,
      formErrors: [formError],
    },
    400,
  );
}

const INTENTS = { check: checkFile, commit: commitImport };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await access(request, params.key);
  // The request guard bounded the body (10 MB and a little for a file) and proved it parses.
  const form = await request.formData();
  return INTENTS[intentOf(form, INTENTS)]({ user, project }, form);
}

export default function ImportValues() {
  const { project, metrics } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const committing = busy && navigation.formData?.get("importId");
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <p className="text-sm">
        <Link to={`/projects/${project.key}/metrics`} className="text-brand underline">
          ← Metrics of {project.key} {project.title}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Import values from a CSV file</h1>
      <section aria-labelledby="format" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 id="format" className="font-semibold">
          The file
        </h2>
        <p className="mt-1">
          A header line <code>{CSV_HEADERS.join(",")}</code>, then one value per line: the metric&rsquo;s name, the start of its period (YYYY-MM-DD: the day,
          the Monday of a week or the 1st of a month) and the number (a rate as a share of 1). A value for a period that already has one replaces it. Up to 10
          MB. The file is checked first and nothing is imported until you confirm; a file with any bad line imports nothing.
        </p>
        {metrics.length ? (
          <p className="mt-1 text-slate-600">Metrics: {metrics.map((m) => `${m.name} (${m.cadence})`).join("; ")}.</p>
        ) : (
          <p className="mt-1 text-bad">This project has no metric yet: define one first.</p>
        )}
        <pre className="mt-2 rounded bg-slate-100 p-2 text-xs">{`metric,period,value\n${metrics[0]?.name ?? "Orders on time"},2026-11-16,0.95`}</pre>
      </section>

      <Form method="post" encType="multipart/form-data" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Check a file">
        <input type="hidden" name="intent" value="check" />
        <div>
          <label htmlFor="file" className="block text-sm font-medium">
            CSV file
          </label>
          <input id="file" name="file" type="file" accept=".csv,text/csv" required className="mt-1 text-sm" />
        </div>
        <Button type="submit" disabled={busy}>
          Check the file
        </Button>
        {busy ? (
          <div role="status" className="text-sm">
            <progress className="w-64" aria-label={committing ? "Importing" : "Uploading and checking"} />
            <span className="ml-2">{committing ? "Importing…" : "Uploading and checking…"}</span>
          </div>
        ) : null}
      </Form>

      {data?.formErrors.length || data?.problems.length ? (
        <section aria-labelledby="problems" className="rounded-lg border border-bad bg-white p-4 text-sm">
          <h2 id="problems" className="font-semibold text-bad">
            {data.problemCount ? `${data.problemCount.toLocaleString("en")} problem${data.problemCount === 1 ? "" : "s"}` : "Not imported"}
          </h2>
          <FormErrors errors={data.formErrors} />
          {data.problems.length ? (
            <table className="mt-2 min-w-full" data-testid="csv-problems">
              <caption className="sr-only">Problems by line</caption>
              <thead className="text-left">
                <HeadRow columns={["Line", { label: "Problem", className: "py-1" }]} />
              </thead>
              <tbody>
                {data.problems.map((p, i) => (
                  <tr key={i}>
                    <td className="py-1 pr-3">{p.row ?? "—"}</td>
                    <td className="py-1">{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {data.problemCount > data.problems.length ? <p className="mt-1">…and {data.problemCount - data.problems.length} more.</p> : null}
        </section>
      ) : null}

      {data?.preview ? (
        <section aria-labelledby="preview" className="rounded-lg border border-ok bg-white p-4 text-sm">
          <h2 id="preview" className="font-semibold">
            {data.preview.fileName}: {data.preview.total.toLocaleString("en")} values ready
          </h2>
          <ul className="mt-1 list-disc pl-5">
            {data.preview.perMetric.map((m) => (
              <li key={m.name}>
                {m.name}: {m.count.toLocaleString("en")}
              </li>
            ))}
          </ul>
          <table className="mt-2 min-w-full" data-testid="csv-preview">
            <caption className="text-left text-xs text-slate-600">The first lines</caption>
            <thead className="text-left">
              <HeadRow columns={["Line", "Metric", "Period", { label: "Value", className: "py-1" }]} />
            </thead>
            <tbody>
              {data.preview.sample.map((r) => (
                <tr key={r.row}>
                  <td className="py-1 pr-3">{r.row}</td>
                  <td className="py-1 pr-3">{r.metric}</td>
                  <td className="py-1 pr-3">{r.period}</td>
                  <td className="py-1">{r.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="commit" />
            <input type="hidden" name="importId" value={data.preview.importId} />
            <Button type="submit" disabled={busy}>
              Import {data.preview.total.toLocaleString("en")} values
            </Button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
