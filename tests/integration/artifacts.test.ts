import { beforeAll, describe, expect, it } from "vitest";
import { ArtifactCreateSchema } from "~/modules/artifacts/artifact-form";
import {
  createArtifact,
  requestArtifactReview,
  reviewArtifact,
  setActionItemDone,
  updateArtifact,
  withdrawArtifact,
} from "~/modules/artifacts/artifacts.server";
import { parseLibraryParams } from "~/modules/artifacts/library-params";
import { listArtifacts, reviewQueueCount } from "~/modules/artifacts/library.server";
import { sampleBody } from "~/modules/artifacts/samples";
import { templateBody } from "~/modules/artifacts/templates";
import { loadFacts } from "~/modules/lifecycle/facts.server";
import { applyDecision } from "~/modules/lifecycle/gate.server";
import type { Db } from "~/utils/db.server";
import { createProject, createUsers, withTestDb } from "../factories";

const t = withTestDb();
let db: Db;
const users = { owner: "", decider: "", reviewer: "", outsider: "", viewer: "", admin: "" };
type Who = { id: string; role: "admin" | "member" | "viewer" };
const as = (name: keyof typeof users): Who => ({ id: users[name], role: name === "viewer" ? "viewer" : name === "admin" ? "admin" : "member" });

beforeAll(async () => {
  db = t.db;
  const made = await createUsers(db, { owner: "member", decider: "member", reviewer: "member", outsider: "member", viewer: "viewer", admin: "admin" });
  for (const name of Object.keys(users) as (keyof typeof users)[]) users[name] = made[name].id;
});

/** A stage-1 project with every fact its gate needs except an approved narrative. */
function makeProject() {
  return createProject(db, {
    owner: { id: users.owner },
    roles: [{ user: { id: users.decider }, role: "decider" }],
    data: { customer: "Shift leads", problem: "Late lists", whyNow: "Peak season" },
  });
}

const prfaq = (body: string) => ArtifactCreateSchema.parse({ kind: "prfaq", stage: "identify", title: "Labels PR/FAQ", mode: "document", body });

async function narrativeMet(projectId: string) {
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId } });
  return { readiness: project.gateReadiness, debt: project.gateDebt, version: project.version };
}

describe("a review that agrees with the checks (issue 24, item 4)", () => {
  it("refuses to approve a version whose checks fail; an administrator reviewer approves it with a recorded reason, and the gate still does not count it", async () => {
    const project = await makeProject();
    const created = await createArtifact(db, as("owner"), project.id, prfaq(templateBody("prfaq", "Labels PR/FAQ")));
    if (!created.ok) throw new Error(created.message);
    expect(await requestArtifactReview(db, as("owner"), created.id, users.reviewer)).toMatchObject({ ok: true });
    const before = await db.artifact.findUniqueOrThrow({ where: { id: created.id } });
    expect(await reviewArtifact(db, as("reviewer"), created.id, { outcome: "approved", version: 1, overrideReason: "Looks fine to me" })).toMatchObject({
      ok: false,
      status: 400,
      field: "outcome",
    });
    expect(await db.artifact.findUniqueOrThrow({ where: { id: created.id } })).toEqual(before);
    expect(await db.auditEvent.count({ where: { entityId: created.id, action: "artifact.approved" } })).toBe(0);

    // Reassigned to an administrator, who approves it with a reason: kept, and the gate does not count it.
    expect(await requestArtifactReview(db, as("owner"), created.id, users.admin)).toMatchObject({ ok: true });
    expect(await reviewArtifact(db, as("admin"), created.id, { outcome: "approved", version: 1 })).toMatchObject({ ok: false, field: "overrideReason" });
    const overridden = await reviewArtifact(db, as("admin"), created.id, { outcome: "approved", version: 1, overrideReason: "The FAQ lives in the wiki" });
    expect(overridden).toMatchObject({ ok: true, counts: false });
    expect(await db.artifact.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      state: "approved",
      approvedVersion: 1,
      approvedChecksPassed: false,
    });
    expect((await db.auditEvent.findFirstOrThrow({ where: { entityId: created.id, action: "artifact.approved" } })).data).toMatchObject({
      checksPassed: false,
      overrideReason: "The FAQ lives in the wiki",
    });
    expect(await narrativeMet(project.id)).toMatchObject({ readiness: 80 });

    // A version that passes is approved as usual, and counts.
    expect(
      await updateArtifact(db, as("owner"), created.id, { title: "Labels PR/FAQ", version: 1, mode: "document", body: sampleBody("prfaq", "Labels PR/FAQ") }),
    ).toMatchObject({ ok: true });
    await requestArtifactReview(db, as("owner"), created.id, users.reviewer);
    expect(await reviewArtifact(db, as("reviewer"), created.id, { outcome: "approved", version: 2 })).toMatchObject({ ok: true, counts: true });
    expect(await narrativeMet(project.id)).toMatchObject({ readiness: 100 });
  });
});

describe("artifacts", () => {
  it("a PR/FAQ from its template fails its checks; the filled one passes, and counts only once approved", async () => {
    const project = await makeProject();
    const created = await createArtifact(db, as("owner"), project.id, prfaq(templateBody("prfaq", "Labels PR/FAQ")));
    if (!created.ok) throw new Error(created.message);
    const draft = await db.artifact.findUniqueOrThrow({ where: { id: created.id }, include: { versions: true } });
    expect(draft).toMatchObject({ state: "draft", version: 1, checksPassed: false, approvedVersion: null });
    expect(draft.versions).toHaveLength(1);
    expect(await narrativeMet(project.id)).toMatchObject({ readiness: 80 });

    expect(
      await updateArtifact(db, as("owner"), created.id, { title: "Labels PR/FAQ", version: 1, mode: "document", body: sampleBody("prfaq", "Labels PR/FAQ") }),
    ).toMatchObject({ ok: true });
    expect(await db.artifact.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ version: 2, checksPassed: true, state: "draft" });
    expect(await requestArtifactReview(db, as("owner"), created.id, users.reviewer)).toMatchObject({ ok: true });
    expect((await narrativeMet(project.id)).readiness).toBe(80);

    expect(await reviewArtifact(db, as("reviewer"), created.id, { outcome: "approved", version: 2 })).toMatchObject({ ok: true });
    expect(await db.artifact.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      state: "approved",
      approvedVersion: 2,
      approvedChecksPassed: true,
    });
    expect((await narrativeMet(project.id)).readiness).toBe(100);
    const actions = (await db.auditEvent.findMany({ where: { entityId: created.id }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["artifact.created", "artifact.updated", "artifact.review_requested", "artifact.approved"]);
  });

  it("editing an approved artifact makes a draft while the gate keeps reading the approved version", async () => {
    const project = await makeProject();
    const created = await createArtifact(db, as("owner"), project.id, prfaq(sampleBody("prfaq", "Labels")));
    if (!created.ok) throw new Error(created.message);
    await requestArtifactReview(db, as("owner"), created.id, users.reviewer);
    await reviewArtifact(db, as("reviewer"), created.id, { outcome: "approved", version: 1 });
    // The new draft breaks a check, but the approved version 1 still stands for the gate.
    await updateArtifact(db, as("owner"), created.id, { title: "Labels", version: 1, mode: "document", body: templateBody("prfaq", "Labels") });
    expect(await db.artifact.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      state: "draft",
      version: 2,
      checksPassed: false,
      approvedVersion: 1,
    });
    const facts = await loadFacts(db, project.id);
    expect(facts?.artifacts).toEqual([expect.objectContaining({ state: "approved", version: 1, checksPassed: true })]);
    expect((await narrativeMet(project.id)).readiness).toBe(100);
  });

  it("sending back needs the named reviewer and a comment, and returns the artifact to draft", async () => {
    const project = await makeProject();
    const created = await createArtifact(db, as("owner"), project.id, prfaq(sampleBody("prfaq", "Labels")));
    if (!created.ok) throw new Error(created.message);
    await requestArtifactReview(db, as("owner"), created.id, users.reviewer);
    const before = await db.artifact.findUniqueOrThrow({ where: { id: created.id } });
    expect(await reviewArtifact(db, as("admin"), created.id, { outcome: "approved", version: 1 })).toMatchObject({ ok: false, status: 403 });
    expect(await reviewArtifact(db, as("reviewer"), created.id, { outcome: "sent_back", version: 1 })).toMatchObject({ ok: false, field: "comment" });
    expect(await db.artifact.findUniqueOrThrow({ where: { id: created.id } })).toEqual(before);
    expect(await reviewArtifact(db, as("reviewer"), created.id, { outcome: "sent_back", version: 1, comment: "Add a customer quote." })).toMatchObject({
      ok: true,
    });
    expect(await db.artifact.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ state: "draft", reviewNote: "Add a customer quote." });
    expect(await db.artifactReview.findFirstOrThrow({ where: { artifactId: created.id } })).toMatchObject({
      outcome: "sent_back",
      comment: "Add a customer quote.",
      reviewerId: users.reviewer,
    });
  });

  it("viewers, outsiders and stale edits change nothing", async () => {
    const project = await makeProject();
    expect(await createArtifact(db, as("viewer"), project.id, prfaq("# x"))).toMatchObject({ ok: false, status: 403 });
    expect(await createArtifact(db, as("outsider"), project.id, prfaq("# x"))).toMatchObject({ ok: false, status: 403 });
    expect(await db.artifact.count({ where: { projectId: project.id } })).toBe(0);
    const created = await createArtifact(db, as("owner"), project.id, prfaq("# First"));
    if (!created.ok) throw new Error(created.message);
    await updateArtifact(db, as("owner"), created.id, { title: "Labels PR/FAQ", version: 1, mode: "document", body: "# Second" });
    expect(await updateArtifact(db, as("admin"), created.id, { title: "Labels PR/FAQ", version: 1, mode: "document", body: "# Stale" })).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await updateArtifact(db, as("viewer"), created.id, { title: "Labels PR/FAQ", version: 2, mode: "document", body: "# Viewer" })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await db.artifact.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ version: 2, body: "# Second" });
    expect(await db.artifactVersion.count({ where: { artifactId: created.id } })).toBe(2);
  });

  it("withdrawing an approved artifact a passed gate relied on creates gate debt", async () => {
    const project = await makeProject();
    const created = await createArtifact(
      db,
      as("owner"),
      project.id,
      ArtifactCreateSchema.parse({ kind: "email", stage: "identify", title: "Kick-off mail", mode: "link", url: "https://mail.example.com/thread/1" }),
    );
    if (!created.ok) throw new Error(created.message);
    await requestArtifactReview(db, as("owner"), created.id, users.reviewer);
    await reviewArtifact(db, as("reviewer"), created.id, { outcome: "approved", version: 1 });
    const { version } = await narrativeMet(project.id);
    expect(
      await applyDecision(db, { projectId: project.id, expectedVersion: version, actor: as("decider"), request: { kind: "go", rationale: "Ready" } }),
    ).toMatchObject({ ok: true });
    expect((await narrativeMet(project.id)).debt).toBe(0);
    expect(await withdrawArtifact(db, as("owner"), created.id, "Superseded by the PR/FAQ")).toMatchObject({ ok: true });
    expect((await narrativeMet(project.id)).debt).toBe(1);
    expect(await updateArtifact(db, as("owner"), created.id, { title: "Again", version: 1, mode: "link", url: "https://mail.example.com/2" })).toMatchObject({
      ok: false,
      status: 400,
    });
  });

  it("tracks a COE's action items by title across edits; open ones block Done-Done", async () => {
    const project = await makeProject();
    const coe = ArtifactCreateSchema.parse({ kind: "coe", stage: "identify", title: "Outage", mode: "document", body: sampleBody("coe", "Outage") });
    const created = await createArtifact(db, as("owner"), project.id, coe);
    if (!created.ok) throw new Error(created.message);
    const [item] = await db.coeActionItem.findMany({ where: { artifactId: created.id } });
    expect(item).toMatchObject({
      title: "Require approval to skip the canary stage (RC1)",
      ownerName: "Max Member",
      ticketUrl: "https://tickets.example.com/OPS-1",
      doneAt: null,
    });
    expect((await loadFacts(db, project.id))?.openCoeActionItems).toBe(1);

    expect(await setActionItemDone(db, as("viewer"), created.id, item!.id, true)).toMatchObject({ ok: false, status: 403 });
    expect(await setActionItemDone(db, as("owner"), created.id, item!.id, true)).toMatchObject({ ok: true });
    expect((await loadFacts(db, project.id))?.openCoeActionItems).toBe(0);

    // A second item is added; the first keeps its done mark.
    const body = sampleBody("coe", "Outage").replace(
      "Ticket: https://tickets.example.com/OPS-1",
      "Ticket: https://tickets.example.com/OPS-1\n- Alarm on pool size (RC1). Owner: Ada Admin. Due: 2027-02-01",
    );
    await updateArtifact(db, as("owner"), created.id, { title: "Outage", version: 1, mode: "document", body });
    const items = await db.coeActionItem.findMany({ where: { artifactId: created.id }, orderBy: { position: "asc" } });
    expect(items.map((i) => [i.title, i.doneAt !== null])).toEqual([
      ["Require approval to skip the canary stage (RC1)", true],
      ["Alarm on pool size (RC1)", false],
    ]);
    expect((await loadFacts(db, project.id))?.openCoeActionItems).toBe(1);
  });
});

describe("the artifact library", () => {
  const params = (query: string) => {
    const parsed = parseLibraryParams(new URLSearchParams(query));
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.params;
  };

  it("filters by kind, state, team and author in the database, pages, and lists a reviewer's queue", async () => {
    const team = await db.team.create({ data: { slug: "library-team", name: "Library team" } });
    const project = await makeProject();
    await db.project.update({ where: { id: project.id }, data: { teamId: team.id } });
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const created = await createArtifact(
        db,
        as("owner"),
        project.id,
        ArtifactCreateSchema.parse({
          kind: "meeting_minutes",
          stage: "identify",
          title: `Weekly ${n}`,
          mode: "document",
          body: sampleBody("meeting_minutes", `Weekly ${n}`),
        }),
      );
      if (!created.ok) throw new Error(created.message);
      ids.push(created.id);
    }
    await requestArtifactReview(db, as("owner"), ids[0]!, users.reviewer);

    const byTeam = await listArtifacts(db, params("team=library-team&kind=meeting_minutes&sort=title&dir=asc&size=2"), users.owner);
    expect(byTeam).toMatchObject({ total: 3, pages: 2, page: 1 });
    expect(byTeam.rows.map((r) => r.title)).toEqual(["Weekly 1", "Weekly 2"]);
    const page2 = await listArtifacts(db, params("team=library-team&sort=title&dir=asc&size=2&page=9"), users.owner);
    expect(page2.page).toBe(2);
    expect(page2.rows.map((r) => r.title)).toEqual(["Weekly 3"]);

    expect((await listArtifacts(db, params("team=library-team&state=in_review"), users.owner)).rows.map((r) => r.title)).toEqual(["Weekly 1"]);
    expect((await listArtifacts(db, params(`team=library-team&author=${users.reviewer}`), users.owner)).total).toBe(0);
    const queue = await listArtifacts(db, params("review=me"), users.reviewer);
    expect(queue.rows.map((r) => r.id)).toContain(ids[0]);
    expect(queue.rows.every((r) => r.state === "in_review")).toBe(true);
    expect(await reviewQueueCount(db, users.reviewer)).toBe(queue.total);
    expect(await reviewQueueCount(db, users.owner)).toBe(0);
  });
});
