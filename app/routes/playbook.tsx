import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Instant } from "~/components/ui/instant";
import { HeadRow } from "~/components/ui/head-row";
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect } from "@remix-run/node";
import { usePageForm } from "~/components/ui/intent-form";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Button, TextAreaField, TextField } from "~/components/ui/field";
import { parsePlaybookFile, playbookToFile } from "~/modules/lifecycle/playbook-file";
import { listPlaybookVersions, loadCurrentPlaybook } from "~/modules/lifecycle/playbook.server";
import { retrospectivesRequired } from "~/modules/lifecycle/playbook";
import { TRIGGER_NAMES } from "~/modules/learning/retrospective";
import { savePlaybook } from "~/modules/lifecycle/publish-playbook.server";
import { RULES } from "~/modules/lifecycle/rules";
import { ARTIFACT_KIND_NAMES } from "~/modules/lifecycle/stages";
import { can } from "~/modules/people/authorize";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { Section } from "~/components/ui/section";

export const meta: MetaFunction = () => [{ title: "Playbook · Gatepath" }];

const MAX_FILE = 512 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const [playbook, versions] = await Promise.all([loadCurrentPlaybook(prisma), listPlaybookVersions(prisma)]);
  const canEdit = can(user.role, "playbook:edit");
  return json({ playbook, versions, canEdit, yaml: canEdit ? playbookToFile(playbook, "yaml") : null });
}

const SaveSchema = z.object({
  note: z
    .string({ required_error: "Write a change note" })
    .trim()
    .min(3, "Write a change note of at least 3 characters")
    .max(500, "Keep the note under 500 characters"),
  content: z.string().max(MAX_FILE, "The playbook is larger than 512 KB").optional(),
});

/** Conform's reply for the note and the text, and the problems of a playbook file, each with its line. */
type ActionData = { result: SubmissionResult<string[]>; problems: { line: number | null; message: string }[] };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "playbook:edit");
  // The request guard bounded the body (1 MB) and proved it parses, multipart or not.
  const form = await request.formData();
  const file = form.get("file");
  const submission = parseWithZod(form, { schema: SaveSchema });
  if (submission.status !== "success") return json<ActionData>({ result: submission.reply(), problems: [] }, { status: 400 });
  const refuse = (content: string) => json<ActionData>({ result: submission.reply({ fieldErrors: { content: [content] } }), problems: [] }, { status: 400 });
  if (file instanceof File && file.size > MAX_FILE) return refuse("The file is larger than 512 KB");
  const text = file instanceof File && file.size > 0 ? await file.text() : (submission.value.content ?? "");
  if (!text.trim()) return refuse("Write the playbook or choose a file to import");
  const result = parsePlaybookFile(text);
  if (!result.ok) return json<ActionData>({ result: submission.reply(), problems: result.problems }, { status: 400 });
  const version = await savePlaybook(prisma, user.id, result.playbook, submission.value.note);
  return redirect(`/playbook?saved=${version}`);
}

export default function PlaybookPage() {
  const { playbook, versions, canEdit, yaml } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [form, fields] = usePageForm<{ note: string; content: string }>(SaveSchema, { id: "playbook-file", lastResult: data?.result });
  const navigation = useNavigation();
  const [search] = useSearchParams();
  const saved = search.get("saved");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-bold">Playbook, version {playbook.version}</h1>
        <a href="/playbook.yaml" className="text-sm text-brand underline" download>
          Export YAML
        </a>
        <a href="/playbook.json" className="text-sm text-brand underline" download>
          Export JSON
        </a>
      </div>
      {saved ? (
        <p role="status" className="rounded bg-ok-light px-3 py-2 text-sm text-ok">
          Saved as version {saved}. Every project is now judged by it.
        </p>
      ) : null}
      <p className="text-sm text-slate-600">
        Output metrics must be at target for {playbook.doneDonePeriods} consecutive periods for Done-Done. Every project is judged by the newest version; each
        decision records the version it was judged under.
      </p>
      <p className="text-sm text-slate-600" data-testid="retrospectives-required">
        Stop, Recycle and Done-Done each open a retrospective. Required before the project closes after:{" "}
        {retrospectivesRequired(playbook).length
          ? retrospectivesRequired(playbook)
              .map((t) => TRIGGER_NAMES[t])
              .join(", ")
          : "none"}{" "}
        (<code>retrospectiveRequired</code> in the file).
      </p>

      {playbook.stages.map((stage) => (
        <section
          key={stage.stage}
          aria-labelledby={`pb-${stage.stage}`}
          className="relative min-w-0 overflow-x-auto rounded-lg border border-slate-200 bg-white p-4"
        >
          <h2 id={`pb-${stage.stage}`} className="text-lg font-semibold">
            {stage.name}{" "}
            <span className="text-sm font-normal text-slate-600">
              · expected {stage.expectedDays} days{stage.quorum > 1 ? ` · ${stage.quorum} deciders sign` : ""}
            </span>
          </h2>
          {canEdit ? (
            <p className="text-sm">
              <Link to={`/playbook/${stage.stage}`} className="text-brand underline">
                Edit {stage.name}: expected days, add a criterion
              </Link>
            </p>
          ) : null}
          <table className="mt-2 min-w-full text-sm">
            <caption className="sr-only">Criteria of {stage.name}</caption>
            <thead className="text-left text-slate-600">
              <HeadRow columns={["Criterion", "Level", "Rule", { label: "Artifacts", className: "py-1" }]} />
            </thead>
            <tbody className="divide-y divide-slate-100">
              {stage.criteria.map((c) => (
                <tr key={c.key} data-criterion={c.key}>
                  <td className="py-1 pr-3">
                    {canEdit ? (
                      <Link to={`/playbook/${stage.stage}?key=${c.key}#criterion`} className="text-brand underline">
                        {c.label}
                      </Link>
                    ) : (
                      c.label
                    )}{" "}
                    <span className="text-xs text-slate-500">({c.key})</span>
                  </td>
                  <td className="py-1 pr-3">{c.level === "must" ? "must-meet" : `should-meet, weight ${c.weight}`}</td>
                  <td className="py-1 pr-3">
                    <span title={RULES[c.rule].description}>{c.rule}</span>
                    {Object.keys(c.params).length ? <span className="text-xs text-slate-500"> {JSON.stringify(c.params)}</span> : null}
                  </td>
                  <td className="py-1">{c.artifactKinds.map((k) => ARTIFACT_KIND_NAMES[k]).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}

      {canEdit ? (
        <Section id="edit-playbook" title="Edit as a file or import">
          <p className="mt-1 text-sm text-slate-600">
            Edit one criterion through its stage&rsquo;s link above, or the whole playbook below as YAML, or import a YAML or JSON file. Rules:{" "}
            {Object.keys(RULES).join(", ")}. A file with any problem is refused whole, with the line of each problem.
          </p>
          <Form method="post" encType="multipart/form-data" className="mt-3 space-y-3" {...getFormProps(form)}>
            {data?.problems.length ? (
              <div role="alert" className="rounded bg-bad-light px-3 py-2 text-sm text-bad">
                <p className="font-semibold">Nothing was saved. Fix these problems:</p>
                <ul className="mt-1 list-disc pl-5">
                  {data.problems.map((p, i) => (
                    <li key={i}>{p.line ? `Line ${p.line}: ${p.message}` : p.message}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <TextAreaField
              label="Playbook (YAML)"
              id="content"
              name="content"
              defaultValue={yaml ?? ""}
              rows={24}
              spellCheck={false}
              className="font-mono"
              errors={fields.content.errors}
            />
            <div>
              <label htmlFor="file" className="block text-sm font-medium">
                Or import a file (.yaml, .yml or .json)
              </label>
              <input id="file" name="file" type="file" accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml" className="mt-1 text-sm" />
            </div>
            <TextField label="Change note" id="note" name="note" required errors={fields.note.errors} />
            <Button type="submit" disabled={navigation.state === "submitting"}>
              {navigation.state === "submitting" ? "Saving…" : "Save as a new version"}
            </Button>
          </Form>
        </Section>
      ) : null}

      <Section id="versions" title="Versions">
        <ol className="mt-2 space-y-1 text-sm">
          {versions.map((v) => (
            <li key={v.version}>
              <span className="font-medium">v{v.version}</span> · <Instant value={v.createdAt} time /> · {v.createdBy?.name ?? "Gatepath"} · {v.note}
            </li>
          ))}
        </ol>
      </Section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
