import { canOnProject, whoMay } from "~/modules/people/authorize";
import { Instant } from "~/components/ui/instant";
import { redirectWithToast } from "~/utils/toast.server";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FACT_FIELD_NAMES, type FactField } from "~/modules/lifecycle/facts";
import { EditProjectSchema } from "~/modules/projects/project-form";
import { getProjectForEdit, listOpenTeams, updateProject, type ProjectChange } from "~/modules/projects/projects.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/http.server";
import { ProjectForm } from "./__project-form";

export const meta: MetaFunction = () => [{ title: "Edit project · Gatepath" }];

async function editable(request: Request, key: string | undefined) {
  const user = await requireUserWithPermission(request, "project:write");
  const parsed = z
    .string()
    .regex(/^GP-\d{1,9}$/)
    .safeParse(key);
  const project = parsed.success ? await getProjectForEdit(prisma, parsed.data) : null;
  if (!project) throw notFound(`There is no project ${key ?? ""}.`);
  if (!canOnProject(user, project, "edit_facts")) throw forbidden(`Only ${whoMay("edit_facts")} edit its facts.`);
  return { user, project };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await editable(request, params.key);
  const { id: _id, ownerId: _o, proposerId: _p, roles: _r, version, launchedAt, ...rest } = project;
  return json({
    key: project.key,
    version,
    defaultValue: { ...rest, launchedAt: launchedAt ? launchedAt.toISOString().slice(0, 10) : null },
    teams: await listOpenTeams(prisma, project.teamId),
  });
}

/** The facts form's one intent: its replies carry it, so the form reads its own (useIntentForm), and a conflict adds what changed. */
const INTENT = "edit_project";

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await editable(request, params.key);
  const submission = parseWithZod(await request.formData(), { schema: EditProjectSchema });
  if (submission.status !== "success") return json({ intent: INTENT, result: submission.reply(), since: null }, { status: 400 });
  const { version, ...fields } = submission.value;
  const result = await updateProject(prisma, user, project.id, version, fields);
  if (result.ok) return redirectWithToast(`/projects/${project.key}`, "Facts saved.");
  if (result.reason === "not_found") throw notFound();
  if (result.reason === "forbidden") throw forbidden(result.message);
  if (result.reason === "invalid")
    return json({ intent: INTENT, result: submission.reply({ fieldErrors: { [result.field]: [result.message] } }), since: null }, { status: 400 });
  return json(
    {
      intent: INTENT,
      result: submission.reply({
        formErrors: [
          "Someone saved this project after you opened it. Nothing of yours was saved: review their changes below, then reload the form and edit again.",
        ],
      }),
      since: result.since,
    },
    { status: 409 },
  );
}

function fieldName(field: string) {
  if (field === "title") return "Title";
  if (field === "teamId") return "Team";
  if (field === "stage") return "Stage";
  if (field === "status") return "Status";
  return FACT_FIELD_NAMES[field as FactField] ?? field;
}

export default function EditProject() {
  const { key, version, defaultValue, teams } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const since = data?.since as ProjectChange[] | null | undefined;
  return (
    <div className="mx-auto max-w-3xl">
      <p className="text-sm">
        <Link to={`/projects/${key}`} className="text-brand underline">
          ← Back to {key}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">Edit {key}</h1>
      {since?.length ? (
        <section aria-labelledby="since" className="mt-4 rounded-lg border border-warn bg-warn-light p-4 text-sm">
          <h2 id="since" className="font-semibold">
            Changed since you opened the form
          </h2>
          <ul className="mt-2 space-y-2">
            {since.map((c, i) => (
              <li key={i}>
                {c.actor ?? "Someone"} · <Instant value={c.at} time /> · {c.action.replace(".", " ")}
                {c.changes.length ? (
                  <ul className="ml-4 list-disc">
                    {c.changes.map((d) => (
                      <li key={d.field}>
                        {fieldName(d.field)}: “{String(d.before ?? "")}” → “{String(d.after ?? "")}”
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="mt-6">
        <ProjectForm
          id="edit-project"
          intent={INTENT}
          schema={EditProjectSchema}
          defaultValue={defaultValue}
          teams={teams}
          version={version}
          submitLabel="Save changes"
        />
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
