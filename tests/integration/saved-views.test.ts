// Saved views of the project table (issue 27, item 4): each person's own, named once, audited,
// and their query names the columns so a link shows the same table to anyone.
import { beforeAll, describe, expect, it } from "vitest";
import { columnsOfQuery, MAX_VIEWS, SaveViewSchema } from "~/modules/projects/view-form";
import { deleteView, listViews, saveView } from "~/modules/projects/views.server";
import type { Db } from "~/utils/db.server";
import { createUsers, withTestDb, type TestUser } from "../factories";

const t = withTestDb();
let db: Db;
let u: Record<"olu" | "pia", TestUser>;

beforeAll(async () => {
  db = t.db;
  u = await createUsers(db, { olu: "member", pia: "member" });
});

describe("saved views", () => {
  it("are each person's own, one name once, each save and delete audited", async () => {
    const saved = await saveView(db, u.olu, { name: "Stuck in Plan", search: "?stage=plan&sort=days&dir=desc&cols=key,title,owner" });
    if (!saved.ok) throw new Error(saved.message);
    expect(await saveView(db, u.olu, { name: "Stuck in Plan", search: "?stage=execute" })).toMatchObject({ ok: false, status: 409, field: "name" });
    // Another person may use the same name; neither sees the other's.
    expect(await saveView(db, u.pia, { name: "Stuck in Plan", search: "?stage=owner" })).toMatchObject({ ok: true });
    expect((await listViews(db, u.olu.id)).map((v) => v.search)).toEqual(["?stage=plan&sort=days&dir=desc&cols=key,title,owner"]);
    expect(await deleteView(db, u.pia, saved.id)).toMatchObject({ ok: false, status: 404 });
    expect(await deleteView(db, u.olu, saved.id)).toMatchObject({ ok: true, name: "Stuck in Plan" });
    expect(await db.auditEvent.findMany({ where: { entityId: saved.id }, orderBy: { id: "asc" }, select: { action: true } })).toEqual([
      { action: "view.saved" },
      { action: "view.deleted" },
    ]);
  });

  it(`keeps ${MAX_VIEWS} views at most`, async () => {
    const [person] = Object.values(await createUsers(db, { many: "member" }));
    for (let i = 0; i < MAX_VIEWS; i++) await saveView(db, person!, { name: `View ${i}`, search: "" });
    expect(await saveView(db, person!, { name: "One more", search: "" })).toMatchObject({ ok: false, status: 400, field: "name" });
  });

  it("take only a query the table makes, and a query's columns only when each is known", () => {
    expect(SaveViewSchema.safeParse({ intent: "save_view", name: "x", search: "https://elsewhere.example/" }).success).toBe(false);
    expect(SaveViewSchema.safeParse({ intent: "save_view", name: "  ", search: "" }).success).toBe(false);
    expect(columnsOfQuery(new URLSearchParams("cols=owner,days"))).toEqual(["key", "title", "owner", "days"]);
    expect(columnsOfQuery(new URLSearchParams("cols=owner,salary"))).toBeNull();
    expect(columnsOfQuery(new URLSearchParams("stage=plan"))).toBeNull();
  });
});
