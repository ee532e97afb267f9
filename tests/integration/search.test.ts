// The global search (issue 13, item 7) on the demo workspace: each kind found by part of its
// name, case-insensitively, a key exactly, wildcards taken literally, withdrawn and retired left out.
import { beforeAll, describe, expect, it } from "vitest";
import { searchEverything } from "~/modules/search/queries.server";
import type { Db } from "~/utils/db.server";
import { createArtifact, createMetric, createProject, createUser, withTestDb } from "../factories";

const t = withTestDb();
let db: Db;
beforeAll(() => {
  db = t.db;
});

describe("searchEverything", () => {
  it("finds projects by title, customer and key, artifacts, live metrics and active people", async () => {
    const author = await createUser(db, { name: "Priya Pickwell" });
    await createUser(db, { name: "Pickford Gone", deactivated: true });
    const project = await createProject(db, { title: "Live pick lists", data: { customer: "Shift leads" } });
    await createProject(db, { title: "Payouts" });
    await createArtifact(db, project, author, { title: "Pick list PR/FAQ" });
    const withdrawn = await createArtifact(db, project, author, { title: "Old pick note" });
    await db.artifact.update({ where: { id: withdrawn.id }, data: { state: "withdrawn" } });
    await createMetric(db, project, { name: "Picks per hour" });
    await createMetric(db, project, { name: "Picks per day", retiredAt: new Date() });

    const found = await searchEverything(db, "PICK");
    expect(found?.projects.map((p) => p.title)).toEqual(["Live pick lists"]);
    expect(found?.artifacts.map((a) => a.title)).toEqual(["Pick list PR/FAQ"]);
    expect(found?.metrics.map((m) => m.name)).toEqual(["Picks per hour"]);
    expect(found?.people.map((u) => u.name)).toEqual(["Priya Pickwell"]);
    expect((await searchEverything(db, "shift LEADS"))?.projects.map((p) => p.key)).toEqual([project.key]);
    expect((await searchEverything(db, project.key.toLowerCase()))?.projects[0]?.key).toBe(project.key);
    expect(await searchEverything(db, "   ")).toBeNull();
    const wild = await searchEverything(db, "%");
    expect([wild?.projects.length, wild?.artifacts.length, wild?.metrics.length, wild?.people.length]).toEqual([0, 0, 0, 0]);
  });
});
