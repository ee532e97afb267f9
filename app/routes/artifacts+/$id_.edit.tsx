import { canOnProject, canWriteArtifact } from "~/modules/people/authorize";
import { redirectWithToast } from "~/utils/toast.server";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ArtifactEditor } from "~/components/artifact-editor";
import { ArtifactEditSchema } from "~/modules/artifacts/artifact-form";
import { getArtifact, peopleNames, updateArtifact } from "~/modules/artifacts/artifacts.server";
import { ARTIFACT_KIND_NAMES } from "~/modules/lifecycle/stages";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { IdParam } from "~/utils/params";
import { assertBodySize, badRequest, forbidden, notFound, answerRefusal } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Edit ${data.title} · Gatepath` : "Edit artifact · Gatepath" }];

async function editable(request: Request, id: string | undefined) {
  const user = await requireUserWithPermission(request, "project:write");
  const parsed = IdParam.safeParse(id);
  const artifact = parsed.success ? await getArtifact(prisma, parsed.data) : null;
  if (!artifact) throw notFound("There is no such artifact.");
  const onProject = canOnProject(user, artifact.project, "write");
  if (!canWriteArtifact({ ...user, onProject }, artifact))
    throw forbidden("Only the author, the project's owner and contributors, and administrators can edit this artifact.");
  if (artifact.state === "withdrawn") throw badRequest("This artifact was withdrawn; it can no longer be edited.");
  return { user, artifact };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { artifact } = await editable(request, params.id);
  return json({
    id: artifact.id,
    kind: artifact.kind,
    title: artifact.title,
    url: artifact.url,
    body: artifact.body,
    version: artifact.version,
    state: artifact.state,
    approvedVersion: artifact.approvedVersion,
    people: await peopleNames(prisma),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, artifact } = await editable(request, params.id);
  assertBodySize(request, 1024 * 1024);
  const submission = parseWithZod(await request.formData(), { schema: ArtifactEditSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const result = await updateArtifact(prisma, user, artifact.id, submission.value);
  if (result.ok) return redirectWithToast(`/artifacts/${artifact.id}`, "New version saved.");
  return answerRefusal(result, (errors) => ({ result: submission.reply(errors) }));
}

export default function EditArtifact() {
  const a = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <p className="text-sm">
        <Link to={`/artifacts/${a.id}`} className="text-brand underline">
          ← Back to the artifact
        </Link>
      </p>
      <h1 className="text-2xl font-bold">
        Edit {ARTIFACT_KIND_NAMES[a.kind]}: version {a.version + 1}
      </h1>
      {a.state === "approved" ? (
        <p className="rounded bg-brand-light px-3 py-2 text-sm">
          Saving makes a new draft. Version {a.approvedVersion} stays approved, and is what the gate reads, until the new one is approved.
        </p>
      ) : null}
      <ArtifactEditor
        kind={a.kind}
        mode={a.url !== null ? "link" : "document"}
        defaultTitle={a.title}
        defaultUrl={a.url ?? undefined}
        defaultBody={a.body ?? ""}
        people={a.people}
        lastResult={data?.result}
        purpose="edit"
        submitLabel="Save new version"
        busy={busy}
        hidden={{ version: a.version, mode: a.url !== null ? "link" : "document" }}
      />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
