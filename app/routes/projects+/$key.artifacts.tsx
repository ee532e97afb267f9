// The project page's artifacts tab: per stage, the artifacts its gate asks for and those written.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { artifactChecklist } from "~/modules/artifacts/checklist";
import { getGateView } from "~/modules/lifecycle/gate.server";
import { findProject, userMay } from "~/modules/projects/project-page.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { ArtifactChecklist } from "./__artifact-checklist";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const project = await findProject(params.key);
  const view = await getGateView(prisma, project.id);
  if (!view) throw notFound();
  const checklist = artifactChecklist({ playbook: view.playbook, stage: project.stage, results: view.byStage, artifacts: project.artifacts });
  return json({ key: project.key, checklist, canAdd: userMay(user, project, "write") });
}

export default function ProjectArtifacts() {
  const { key, checklist, canAdd } = useLoaderData<typeof loader>();
  return <ArtifactChecklist projectKey={key} stages={checklist} canAdd={canAdd} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
