import { canOnProject, canWriteArtifact } from "~/modules/people/authorize";
import { redirectWithToast } from "~/utils/toast.server";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ArtifactEditor } from "~/components/artifact-editor";
import { ArtifactEditSchema } from "~/modules/artifacts/artifact-form";
import { coeRecordFacts, getArtifact, peopleNames, updateArtifact } from "~/modules/artifacts/artifacts.server";
import { ARTIFACT_KIND_NAMES } from "~/modules/lifecycle/stages";
import { previewOf } from "~/modules/artifacts/render.server";
import { discardDraft, draftFor, draftKey } from "~/modules/artifacts/drafts.server";
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
  const { user, artifact } = await editable(request, params.id);
  const key = draftKey.edit(artifact.id);
  // A draft left unsaved, unless it says what the saved version says.
  const saved = await draftFor(prisma, user.id, key);
  const draft = saved && artifact.url === null && (saved.body !== (artifact.body ?? "") || saved.title !== artifact.title) ? saved : null;
  return json({
    id: artifact.id,
    kind: artifact.kind,
    title: draft?.title || artifact.title,
    url: artifact.url,
    body: draft ? draft.body : artifact.body,
    draft: {
      key,
      baseVersion: artifact.version,
      restoredAt: draft?.updatedAt ?? null,
      note:
        draft?.baseVersion && draft.baseVersion < artifact.version
          ? `It was written on version ${draft.baseVersion}; version ${artifact.version} has been saved since. Saving makes your draft the next version.`
          : null,
    },
    version: artifact.version,
    state: artifact.state,
    approvedVersion: artifact.approvedVersion,
    people: await peopleNames(prisma),
    // A COE with a record is checked with it (its impact, timeline, chains and causes are there).
    coe: artifact.kind === "coe" ? ((await coeRecordFacts(prisma, artifact.id)) ?? null) : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, artifact } = await editable(request, params.id);
  assertBodySize(request, 1024 * 1024);
  const form = await request.formData();
  const submission = parseWithZod(form, { schema: ArtifactEditSchema });
  // Preview (the editor's button before JavaScript loads): the text as readers will see it, nothing saved.
  if (form.get("intent") === "preview") return json({ result: submission.reply(), preview: previewOf(form) });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const result = await updateArtifact(prisma, user, artifact.id, submission.value);
  if (result.ok) {
    await discardDraft(prisma, user.id, draftKey.edit(artifact.id));
    return redirectWithToast(`/artifacts/${artifact.id}`, "New version saved.");
  }
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
        // A discarded draft starts the editor afresh.
        key={a.draft.restoredAt ?? "saved"}
        kind={a.kind}
        mode={a.url !== null ? "link" : "document"}
        defaultTitle={a.title}
        defaultUrl={a.url ?? undefined}
        defaultBody={a.body ?? ""}
        people={a.people}
        coe={a.coe ?? undefined}
        lastResult={data?.result}
        initialPreview={data && "preview" in data && typeof data.preview === "string" ? data.preview : null}
        purpose="edit"
        submitLabel="Save new version"
        busy={busy}
        hidden={{ version: a.version, mode: a.url !== null ? "link" : "document" }}
        draft={a.draft}
      />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
