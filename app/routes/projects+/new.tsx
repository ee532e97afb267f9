import { parseWithZod } from "@conform-to/zod";
import { redirectWithToast } from "~/utils/toast.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CreateProjectSchema } from "~/modules/projects/project-form";
import { createProject, listOpenTeams } from "~/modules/projects/projects.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { ProjectForm } from "./__project-form";

export const meta: MetaFunction = () => [{ title: "New project · Gatepath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "project:write");
  return json({ teams: await listOpenTeams(prisma) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:write");
  const submission = parseWithZod(await request.formData(), { schema: CreateProjectSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const project = await createProject(prisma, user, submission.value);
  if (!project.ok) return json(submission.reply({ fieldErrors: { [project.field]: [project.message] } }), { status: 400 });
  return redirectWithToast(`/projects/${project.key}`, `Project ${project.key} created. Its first gate's checklist says what to do next.`);
}

export default function NewProject() {
  const { teams } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold">New project</h1>
      <p className="mt-1 text-sm text-slate-600">
        A project starts at stage 1, Problem identified, with you as its proposer. Name the customer, their problem and why now.
      </p>
      <div className="mt-6">
        <ProjectForm id="new-project" schema={CreateProjectSchema} lastResult={lastResult} teams={teams} submitLabel="Create project" groups={1} />
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
