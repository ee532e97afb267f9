// Drafts of documents (issue 24, item 1): kept per person and document for those who may write
// it, refused to anyone else with nothing stored.
import { beforeAll, describe, expect, it } from "vitest";
import { discardDraft, draftFor, draftKey, DraftSchema, saveDraft } from "~/modules/artifacts/drafts.server";
import type { Db } from "~/utils/db.server";
import { createArtifact, createProject, createUsers, withTestDb, type TestUser } from "../factories";

const t = withTestDb();
let db: Db;
let u: Record<"owner" | "outsider" | "viewer" | "admin", TestUser>;

beforeAll(async () => {
  db = t.db;
  u = await createUsers(db, { owner: "member", outsider: "member", viewer: "viewer", admin: "admin" });
});

describe("drafts", () => {
  it("keeps one draft per person and document, the newest text winning, until discarded", async () => {
    const project = await createProject(db, { owner: { id: u.owner.id } });
    const artifact = await createArtifact(db, project, u.owner, { kind: "one_pager", body: "Saved text" });
    const key = draftKey.edit(artifact.id);
    expect((await saveDraft(db, u.owner, DraftSchema.parse({ key, title: "Labels", body: "First try", baseVersion: 1 }))).ok).toBe(true);
    expect((await saveDraft(db, u.owner, DraftSchema.parse({ key, title: "Labels", body: "Second try", baseVersion: 1 }))).ok).toBe(true);
    expect(await draftFor(db, u.owner.id, key)).toMatchObject({ title: "Labels", body: "Second try", baseVersion: 1 });
    // Someone else's draft of the same document is their own.
    expect((await saveDraft(db, u.admin, DraftSchema.parse({ key, title: "", body: "Admin's" }))).ok).toBe(true);
    expect(await draftFor(db, u.owner.id, key)).toMatchObject({ body: "Second try" });
    await discardDraft(db, u.owner.id, key);
    expect(await draftFor(db, u.owner.id, key)).toBeNull();
    expect(await draftFor(db, u.admin.id, key)).toMatchObject({ body: "Admin's" });
  });

  it("keeps a new document's draft for those who write on the project", async () => {
    const project = await createProject(db, { owner: { id: u.owner.id } });
    const key = draftKey.create(project.id, "prfaq", "identify");
    expect((await saveDraft(db, u.owner, DraftSchema.parse({ key, title: "New", body: "# New" }))).ok).toBe(true);
    expect(await saveDraft(db, u.outsider, DraftSchema.parse({ key, title: "New", body: "# New" }))).toMatchObject({ ok: false, status: 403 });
  });

  it.each([
    ["a member not on the project", "outsider", (id: string) => draftKey.edit(id), 403],
    ["a viewer", "viewer", (id: string) => draftKey.edit(id), 403],
    ["a key that names nothing", "owner", () => "artifact:", 400],
    ["a kind that does not exist", "owner", () => "new:x:memo:identify", 400],
    ["a document that does not exist", "owner", () => draftKey.edit("no-such-artifact"), 404],
  ] as const)("refuses %s, storing nothing", async (_name, who, key, status) => {
    const project = await createProject(db, { owner: { id: u.owner.id } });
    const artifact = await createArtifact(db, project, u.owner, { kind: "one_pager" });
    const before = await db.artifactDraft.count();
    expect(await saveDraft(db, u[who], DraftSchema.parse({ key: key(artifact.id), title: "x", body: "y" }))).toMatchObject({ ok: false, status });
    expect(await db.artifactDraft.count()).toBe(before);
  });

  it("refuses a draft of a withdrawn document, and a body over the document limit", async () => {
    const project = await createProject(db, { owner: { id: u.owner.id } });
    const artifact = await createArtifact(db, project, u.owner, { kind: "one_pager" });
    await db.artifact.update({ where: { id: artifact.id }, data: { state: "withdrawn" } });
    expect(await saveDraft(db, u.owner, DraftSchema.parse({ key: draftKey.edit(artifact.id), body: "y" }))).toMatchObject({ ok: false, status: 403 });
    expect(DraftSchema.safeParse({ key: "artifact:x", body: "x".repeat(201 * 1024) }).success).toBe(false);
  });
});
