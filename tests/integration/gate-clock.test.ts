// Issue 12, item 7: gate status follows the clock. A metric that stops being reported turns a
// met criterion unmet with nobody touching the project; the clock's pass finds it, stores it,
// and the board shows it.
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { rejudgeOpenProjects } from "~/modules/lifecycle/clock.server";
import { parseListParams } from "~/modules/projects/list-params";
import { getBoardPage } from "~/modules/projects/list.server";
import type { Db } from "~/utils/db.server";
import { createMetric, createProject, createUsers, withTestDb, type TestUser } from "../factories";
import { removeDb, startServer, tempDbFile } from "../setup/server";

const t = withTestDb();
let db: Db;
let u: Record<"owner" | "viewer", TestUser>;
const DAY = 86_400_000;
const now = new Date();
const dayString = (ms: number) => new Date(ms).toISOString().slice(0, 10);

beforeAll(async () => {
  db = t.db;
  u = await createUsers(db, { owner: "member", viewer: "viewer" });
});

/** A project whose only output metric was last reported a week ago. */
async function reporting(options: Parameters<typeof createProject>[1]) {
  const project = await createProject(db, { owner: u.owner, ...options });
  await createMetric(db, project, { kind: "output", values: { [dayString(now.getTime() - 7 * DAY)]: 510 } });
  return project;
}

const stored = (id: string) =>
  db.project.findUniqueOrThrow({ where: { id }, select: { gateMustMet: true, gateDebt: true, version: true, gateCheckedAt: true, updatedAt: true } });

describe("the gate clock", () => {
  it("re-judges by the date alone: the current gate, the debt of a finished project, the board; not a stopped one", async () => {
    const adopting = await reporting({ stage: "adopt", title: "Adopting and reporting" });
    const finished = await reporting({ stage: "adopt", status: "done", title: "Finished and reporting" });
    const stopped = await reporting({ stage: "execute", status: "stopped", title: "Stopped long ago" });

    const first = await rejudgeOpenProjects(db, { now, batch: 2 });
    expect(first.judged).toBe(2);
    expect(first.changed.sort()).toEqual([adopting.key, finished.key].sort());
    const fresh = { adopting: await stored(adopting.id), finished: await stored(finished.id) };
    const parsed = parseListParams(new URLSearchParams("status=active"));
    if (!parsed.ok) throw new Error("list parameters");
    const board = async () => (await getBoardPage(db, parsed.params, u.viewer.id)).columns;
    const cardOf = async (key: string) => (await board()).flatMap((c) => c.cards).find((c) => c.key === key);
    expect((await cardOf(adopting.key))?.gateMustMet).toBe(fresh.adopting.gateMustMet);

    // The same day again: nothing moved, nothing is written.
    const events = await db.auditEvent.count();
    expect((await rejudgeOpenProjects(db, { now })).changed).toEqual([]);
    expect(await db.auditEvent.count()).toBe(events);

    // A month on, with no value since: the metric is no longer reported.
    const later = new Date(now.getTime() + 30 * DAY);
    const run = await rejudgeOpenProjects(db, { now: later });
    expect(run.changed.sort()).toEqual([adopting.key, finished.key].sort());
    const after = { adopting: await stored(adopting.id), finished: await stored(finished.id) };
    expect(after.adopting.gateMustMet).toBe(fresh.adopting.gateMustMet - 1);
    expect(after.finished.gateDebt).toBe(fresh.finished.gateDebt + 1);
    // Only the stored status moved: no version bump, nothing a person wrote.
    expect(after.adopting.version).toBe(fresh.adopting.version);
    expect(after.adopting.updatedAt).toEqual(fresh.adopting.updatedAt);
    expect((await stored(stopped.id)).gateCheckedAt).toBeNull();

    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "gate.rejudged" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ actorId: null, entity: "gate_status" });
    expect((event.data as { projects: string[] }).projects.sort()).toEqual([adopting.key, finished.key].sort());
    // The board's cache follows the audit trail, so the board shows it at once.
    expect((await cardOf(adopting.key))?.gateMustMet).toBe(after.adopting.gateMustMet);
  });

  it("runs inside the server a second after it starts, and corrects a stored status that no longer holds", async () => {
    const dbFile = tempDbFile();
    try {
      const first = await startServer({ dbFile, env: { DEMO_PASSWORD: "a-demo-password-for-tests" } });
      if (!first.ok) throw new Error(first.output);
      await first.server.stop();
      // A stored status the facts no longer give (as if the date had moved on since it was computed).
      const sqlite = new Database(dbFile);
      const { key, gateMustMet } = sqlite.prepare(`SELECT "key", "gateMustMet" FROM "Project" WHERE "status" = 'active' ORDER BY "number" LIMIT 1`).get() as {
        key: string;
        gateMustMet: number;
      };
      sqlite.prepare(`UPDATE "Project" SET "gateMustMet" = "gateMustMet" + 7 WHERE "key" = ?`).run(key);
      sqlite.close();
      const second = await startServer({ dbFile, env: { DEMO_PASSWORD: "a-demo-password-for-tests", GATE_CLOCK_MINUTES: "5" } });
      if (!second.ok) throw new Error(second.output);
      const reader = new Database(dbFile, { readonly: true });
      try {
        const stored = () => (reader.prepare(`SELECT "gateMustMet" FROM "Project" WHERE "key" = ?`).get(key) as { gateMustMet: number }).gateMustMet;
        for (let i = 0; i < 50 && stored() !== gateMustMet; i++) await new Promise((r) => setTimeout(r, 100));
        expect(stored()).toBe(gateMustMet);
        const event = reader.prepare(`SELECT "data" FROM "AuditEvent" WHERE "action" = 'gate.rejudged' ORDER BY "id" DESC LIMIT 1`).get() as { data: string };
        expect(JSON.parse(event.data).projects).toContain(key);
        expect(second.server.output()).toMatch(/the clock re-judged \d+ projects in \d+ ms; 1 changed/);
      } finally {
        await second.server.stop();
        reader.close();
      }
    } finally {
      removeDb(dbFile);
    }
  });
});
