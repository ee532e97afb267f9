// Issue 12, item 1: an empty workspace is set up once, by the holder of the printed token.
import { describe, expect, it } from "vitest";
import { completeSetup, issueSetupToken, needsSetup } from "~/modules/people/setup.server";
import { createTestDb } from "../setup/test-db";

const input = (token: string, email: string) => ({ token, organisation: "Northwind Logistics", name: "Olu Owner", email, password: "pallet-ramp-quietly-42" });

describe("setting up an empty workspace", () => {
  it("refuses a first password built from the organisation's name or the administrator's, saying why (issue 23)", async () => {
    const env = await createTestDb();
    try {
      const token = (await issueSetupToken(env.db))!;
      for (const password of ["Northwind2026!", "OluOwner2026!", "olu@northwind.test"]) {
        const refused = await completeSetup(env.db, { ...input(token, "olu@northwind.test"), password });
        expect(refused, password).toMatchObject({ ok: false, status: 400, field: "password", message: expect.stringMatching(/too easy to guess/) });
      }
      expect(await env.db.user.count()).toBe(0);
    } finally {
      await env.cleanup();
    }
  });

  it("takes the token once: a replay, an older token and a forged one are refused and write nothing", async () => {
    const env = await createTestDb();
    try {
      const { db } = env;
      const older = (await issueSetupToken(db))!;
      const token = (await issueSetupToken(db))!;
      expect(token).not.toBe(older);
      for (const bad of [older, "forged-token", token.toUpperCase()]) {
        expect(await completeSetup(db, input(bad, "olu@northwind.test"))).toMatchObject({ ok: false, status: 400, field: "token" });
      }
      expect(await db.user.count()).toBe(0);
      expect(await db.auditEvent.count()).toBe(0);

      const done = await completeSetup(db, input(token, "olu@northwind.test"));
      expect(done).toMatchObject({ ok: true });
      expect(await db.workspace.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ name: "Northwind Logistics", setupTokenHash: null });
      expect((await db.auditEvent.findMany({ orderBy: { id: "asc" } })).map((e) => e.action)).toEqual(["workspace.set_up", "user.created"]);
      expect(await needsSetup(db)).toBe(false);

      expect(await completeSetup(db, input(token, "again@northwind.test"))).toMatchObject({ ok: false, status: 409 });
      expect(await issueSetupToken(db)).toBeNull();
      expect(await db.user.count()).toBe(1);
    } finally {
      await env.cleanup();
    }
  });

  it("lets exactly one of two people racing with the right token become the first administrator", async () => {
    const env = await createTestDb();
    try {
      const token = (await issueSetupToken(env.db))!;
      const clients = [env.client(), env.client()];
      const results = await Promise.all(clients.map((client, i) => completeSetup(client, input(token, `racer${i}@northwind.test`))));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, status: expect.any(Number) });
      expect(await env.db.user.count()).toBe(1);
      expect(await env.db.auditEvent.count({ where: { action: "workspace.set_up" } })).toBe(1);
    } finally {
      await env.cleanup();
    }
  });

  it("refuses a weak password beside its field before the token is spent", async () => {
    const env = await createTestDb();
    try {
      const token = (await issueSetupToken(env.db))!;
      expect(await completeSetup(env.db, { ...input(token, "olu@northwind.test"), password: "short" })).toMatchObject({ ok: false, field: "password" });
      expect(await completeSetup(env.db, input(token, "olu@northwind.test"))).toMatchObject({ ok: true });
    } finally {
      await env.cleanup();
    }
  });
});
