import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CreateProjectSchema } from "~/modules/projects/project-form";
import { createProject, listOpenTeams } from "~/modules/projects/projects.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { dispatchIntent, submitIntent, type IntentAction } from "~/utils/intent.server";
import type { Person } from "~/modules/people/authorize";
import { ProjectForm } from "./__project-form";

export const meta: MetaFunction = () => [{ title: "New project · Gatepath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "project:write");
  return json({ teams: await listOpenTeams(prisma) });
}

const INTENTS: Record<string, IntentAction<{ user: Person }>> = {
  create_project: ({ user }, form, intent) =>
    submitIntent(form, intent, CreateProjectSchema, (v) => createProject(prisma, user, v), {
      to: (_, r) => `/projects/${r.key}`,
      message: (_, r) => `Project ${r.key} created. Its first gate's checklist says what to do next.`,
    }),
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:write");
  return dispatchIntent(await request.formData(), INTENTS, { user });
}

export default function NewProject() {
  const { teams } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold">New project</h1>
      <p className="mt-1 text-sm text-slate-600">
        A project starts at stage 1, Problem identified, with you as its proposer. Name the customer, their problem and why now.
      </p>
      <div className="mt-6">
        <ProjectForm id="new-project" intent="create_project" schema={CreateProjectSchema} teams={teams} submitLabel="Create project" groups={1} />
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
