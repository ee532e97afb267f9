// The project page's retrospectives tab (issue 26, item 2): every retrospective a Stop, Recycle or
// Done-Done opened on this project, newest first, each with whether it is written and what it asks.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Section } from "~/components/ui/section";
import { TRIGGER_NAMES } from "~/modules/learning/retrospective";
import { projectRetrospectives } from "~/modules/learning/retrospectives.server";
import { STAGE_NAMES } from "~/modules/lifecycle/stages";
import { findProject } from "~/modules/projects/project-page.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formatDay } from "~/utils/dates";
import { prisma } from "~/utils/db.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "project:read");
  const project = await findProject(params.key);
  const retros = await projectRetrospectives(prisma, project.id);
  return json({
    key: project.key,
    retros: retros.map((r) => ({
      id: r.id,
      trigger: r.trigger,
      stage: r.stage,
      required: r.required,
      openedAt: r.openedAt,
      writtenAt: r.writtenAt,
      differently: r.differently,
      open: r.actions.filter((a) => !a.doneAt).length,
      actions: r.actions.length,
    })),
  });
}

export default function ProjectRetrospectives() {
  const { key, retros } = useLoaderData<typeof loader>();
  return (
    <Section id="retrospectives" title="Retrospectives">
      {retros.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">
          None yet. A Stop, a Recycle or the final Go (Done-Done) opens one here, to write down what the project learned.
        </p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 text-sm">
          {retros.map((r) => (
            <li key={r.id} className="py-3" data-retrospective={r.writtenAt ? "written" : "open"}>
              <p>
                <Link to={`/projects/${key}/retrospectives/${r.id}`} className="font-medium text-brand underline">
                  {TRIGGER_NAMES[r.trigger]} at {STAGE_NAMES[r.stage]}
                </Link>{" "}
                <span className="text-slate-600">
                  · opened {formatDay(r.openedAt)} ·{" "}
                  {r.writtenAt ? `written ${formatDay(r.writtenAt)}` : r.required ? "to write: required before the project closes" : "not written"}
                  {r.actions ? ` · ${r.open} of ${r.actions} action items open` : ""}
                </span>
              </p>
              {r.differently ? <p className="mt-1 text-slate-700">We would do differently: {r.differently}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
