import { canOnProject, canWriteArtifact, whoMay } from "~/modules/people/authorize";
import { redirectWithToast } from "~/utils/toast.server";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ArtifactEditor } from "~/components/artifact-editor";
import { Button, SelectField } from "~/components/ui/field";
import { ArtifactCreateSchema } from "~/modules/artifacts/artifact-form";
import { createArtifact, peopleNames } from "~/modules/artifacts/artifacts.server";
import { previewOf } from "~/modules/artifacts/render.server";
import { discardDraft, draftFor, draftKey } from "~/modules/artifacts/drafts.server";
import { templateBody, TEMPLATE_KINDS } from "~/modules/artifacts/templates";
import { ARTIFACT_KIND_NAMES, ARTIFACT_KINDS, STAGE_NAMES, STAGES } from "~/modules/lifecycle/stages";
import { projectAccessByKey } from "~/modules/projects/projects.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { assertBodySize, badRequest, forbidden, notFound, answerRefusal } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `New artifact · ${data.project.key} · Gatepath` : "New artifact · Gatepath" }];

const blank = (v: string | null) => (v === "" || v === null ? undefined : v);
const ChoiceSchema = z.object({
  kind: z.enum(ARTIFACT_KINDS).optional(),
  stage: z.enum(STAGES).optional(),
  mode: z.enum(["link", "document"]).optional(),
});

async function access(request: Request, key: string | undefined) {
  const user = await requireUserWithPermission(request, "project:write");
  const project = await projectAccessByKey(prisma, key);
  if (!project) throw notFound(`There is no project ${key ?? ""}.`);
  if (!canWriteArtifact({ ...user, onProject: canOnProject(user, project, "write") })) throw forbidden(`Only ${whoMay("write")} add artifacts.`);
  return { user, project };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project } = await access(request, params.key);
  const search = new URL(request.url).searchParams;
  const choice = ChoiceSchema.safeParse({ kind: blank(search.get("kind")), stage: blank(search.get("stage")), mode: blank(search.get("mode")) });
  if (!choice.success) throw badRequest(`Choose the kind, stage and form from the lists (${choice.error.issues.map((i) => i.path.join(".")).join(", ")}).`);
  const kind = choice.data.kind ?? null;
  const stage = choice.data.stage ?? project.stage;
  const mode = choice.data.mode ?? (kind && TEMPLATE_KINDS.includes(kind) ? "document" : "link");
  const key = kind ? draftKey.create(project.id, kind, stage) : null;
  const draft = key && mode === "document" ? await draftFor(prisma, user.id, key) : null;
  return json({
    draft: key ? { key, restoredAt: draft?.updatedAt ?? null, title: draft?.title || null, body: draft?.body ?? null } : null,
    project: { key: project.key, title: project.title, stage: project.stage },
    kind,
    stage,
    mode,
    people: kind ? await peopleNames(prisma) : [],
    defaultTitle: kind ? `${ARTIFACT_KIND_NAMES[kind]}: ${project.title}` : "",
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await access(request, params.key);
  assertBodySize(request, 1024 * 1024);
  const form = await request.formData();
  const submission = parseWithZod(form, { schema: ArtifactCreateSchema });
  // Preview (the editor's button before JavaScript loads): the text as readers will see it, nothing saved.
  if (form.get("intent") === "preview") return json({ result: submission.reply(), preview: previewOf(form) });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const result = await createArtifact(prisma, user, project.id, submission.value);
  if (result.ok) {
    await discardDraft(prisma, user.id, draftKey.create(project.id, submission.value.kind, submission.value.stage));
    return redirectWithToast(`/artifacts/${result.id}`, "Draft saved. Ask a reviewer when it is ready.");
  }
  return answerRefusal(result, (errors) => ({ result: submission.reply(errors) }));
}

export default function NewArtifact() {
  const { project, kind, stage, mode, people, defaultTitle, draft } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <p className="text-sm">
        <Link to={`/projects/${project.key}/artifacts`} className="text-brand underline">
          ← Back to {project.key} {project.title}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{kind ? `New ${ARTIFACT_KIND_NAMES[kind]}` : "New artifact"}</h1>
      <Form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm" aria-label="Choose the artifact">
        <SelectField id="choose-kind" name="kind" label="Kind" defaultValue={kind ?? ""} required>
          <option value="" disabled>
            Choose a kind
          </option>
          {ARTIFACT_KINDS.map((k) => (
            <option key={k} value={k}>
              {ARTIFACT_KIND_NAMES[k]}
              {TEMPLATE_KINDS.includes(k) ? " (template)" : ""}
            </option>
          ))}
        </SelectField>
        <SelectField id="choose-stage" name="stage" label="For the stage" defaultValue={stage}>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {STAGE_NAMES[s]}
            </option>
          ))}
        </SelectField>
        <SelectField id="choose-mode" name="mode" label="Written as" defaultValue={kind ? mode : ""}>
          <option value="">Template when there is one</option>
          <option value="document">A document in the app</option>
          <option value="link">A link to where it lives</option>
        </SelectField>
        <Button type="submit" variant="secondary">
          {kind ? "Start over with these" : "Start"}
        </Button>
      </Form>
      {kind ? (
        <ArtifactEditor
          // A discarded draft starts the editor afresh.
          key={`${kind}-${stage}-${mode}-${draft?.restoredAt ?? ""}`}
          kind={kind}
          mode={mode}
          defaultTitle={draft?.title ?? defaultTitle}
          defaultBody={mode === "document" ? (draft?.body ?? templateBody(kind, defaultTitle)) : undefined}
          people={people}
          lastResult={data?.result}
          initialPreview={data && "preview" in data && typeof data.preview === "string" ? data.preview : null}
          purpose="create"
          submitLabel="Save draft"
          busy={busy}
          hidden={{ kind, stage, mode }}
          draft={draft ? { key: draft.key, restoredAt: draft.restoredAt } : undefined}
        />
      ) : (
        <p className="text-sm text-slate-600">Choose a kind to start. Kinds with a template start from its sections and show their checks as you write.</p>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
