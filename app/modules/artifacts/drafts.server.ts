// Unsaved drafts of documents (issue 24, item 1): one per person and document, written as the
// editor is typed in, read back ("restored your unsaved draft") when the editor opens again, and
// removed once a version is saved. A draft is the person's own scratch paper: only they read it,
// it changes nothing anyone else sees, so it writes no audit event (decision 52); what is saved
// from it is audited as every version is.
import { z } from "zod";
import { canOnProject, canWriteArtifact, type Person } from "~/modules/people/authorize";
import { PROJECT_PEOPLE } from "~/modules/people/project-people.server";
import type { Result } from "~/modules/result";
import { ARTIFACT_KINDS, STAGES } from "~/modules/lifecycle/stages";
import type { Db } from "~/utils/db.server";
import { MAX_BODY_BYTES } from "./artifact-form";

/** The draft of a new version of an artifact, or of a new artifact of a kind and stage on a project. */
export const draftKey = {
  edit: (artifactId: string) => `artifact:${artifactId}`,
  create: (projectId: string, kind: string, stage: string) => `new:${projectId}:${kind}:${stage}`,
};

export const DraftSchema = z.object({
  key: z.string().min(1).max(120),
  title: z.string().max(200, "Keep the title under 200 characters").default(""),
  body: z
    .string()
    .default("")
    .refine((b) => Buffer.byteLength(b) <= MAX_BODY_BYTES, `Keep the document under ${MAX_BODY_BYTES / 1024} KB`),
  baseVersion: z.coerce.number().int().positive().optional(),
});
export type DraftInput = z.infer<typeof DraftSchema>;

/** What a key names, once the person may write it: the project it is on. */
async function projectFor(db: Db, actor: Person, key: string): Promise<Result<{ projectId: string }>> {
  const [what, id, kind, stage] = key.split(":");
  if (what === "artifact" && id) {
    const artifact = await db.artifact.findUnique({
      where: { id },
      select: { authorId: true, projectId: true, state: true, project: { select: PROJECT_PEOPLE } },
    });
    if (!artifact) return { ok: false, status: 404, message: "There is no such artifact." };
    if (artifact.state === "withdrawn" || !canWriteArtifact({ ...actor, onProject: canOnProject(actor, artifact.project, "write") }, artifact)) {
      return { ok: false, status: 403, message: "You may not write this artifact." };
    }
    return { ok: true, projectId: artifact.projectId };
  }
  if (what === "new" && id && (ARTIFACT_KINDS as readonly string[]).includes(kind ?? "") && (STAGES as readonly string[]).includes(stage ?? "")) {
    const project = await db.project.findUnique({ where: { id }, select: { id: true, ...PROJECT_PEOPLE } });
    if (!project) return { ok: false, status: 404, message: "There is no such project." };
    if (!canWriteArtifact({ ...actor, onProject: canOnProject(actor, project, "write") }))
      return { ok: false, status: 403, message: "You may not write on this project." };
    return { ok: true, projectId: project.id };
  }
  return { ok: false, status: 400, field: "key", message: "That is not a document's draft." };
}

/** Keeps what the person typed (one statement: an upsert of their row for this document). */
export async function saveDraft(db: Db, actor: Person, input: DraftInput): Promise<Result<{ savedAt: Date }>> {
  const target = await projectFor(db, actor, input.key);
  if (!target.ok) return target;
  const data = { title: input.title, body: input.body, baseVersion: input.baseVersion ?? null, projectId: target.projectId };
  const row = await db.artifactDraft.upsert({
    where: { userId_key: { userId: actor.id, key: input.key } },
    create: { userId: actor.id, key: input.key, ...data },
    update: data,
    select: { updatedAt: true },
  });
  return { ok: true, savedAt: row.updatedAt };
}

/** The person's draft of a document, if they left one. */
export function draftFor(db: Db, userId: string, key: string) {
  return db.artifactDraft.findUnique({ where: { userId_key: { userId, key } }, select: { title: true, body: true, baseVersion: true, updatedAt: true } });
}

/** Throws the draft away (after a save, or when the person discards it). */
export async function discardDraft(db: Db, userId: string, key: string): Promise<void> {
  await db.artifactDraft.deleteMany({ where: { userId, key } });
}
