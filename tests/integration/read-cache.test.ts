import { beforeAll, describe, expect, it } from "vitest";
import { writeAudit } from "~/modules/audit/audit.server";
import type { Db } from "~/utils/db.server";
import { readCache } from "~/utils/read-cache.server";
import { withTestDb } from "../factories";

const t = withTestDb();
let db: Db;

beforeAll(async () => {
  db = t.db;
});

describe("readCache", () => {
  it("computes once per key until any write appends an audit event", async () => {
    let computed = 0;
    const cached = readCache<{ n: number }>({ max: 10, ttlMs: 60_000 });
    const read = () => cached(db, "k", async () => ({ n: ++computed }));
    const [a, b] = await Promise.all([read(), read()]);
    expect([a.n, b.n, computed]).toEqual([1, 1, 1]);
    expect((await cached(db, "other", async () => ({ n: ++computed }))).n).toBe(2);
    await db.$transaction((tx) => writeAudit(tx, { entity: "test", entityId: "1", action: "test.changed" }));
    expect((await read()).n).toBe(3);
    expect((await read()).n).toBe(3);
  });

  it("computes every time when turned off (READ_CACHE=off)", async () => {
    let computed = 0;
    const cached = readCache<{ n: number }>({ max: 10, ttlMs: 60_000, enabled: false });
    await cached(db, "k", async () => ({ n: ++computed }));
    expect((await cached(db, "k", async () => ({ n: ++computed }))).n).toBe(2);
  });

  it("forgets a failed computation", async () => {
    const cached = readCache<{ ok: boolean }>({ max: 10, ttlMs: 60_000 });
    await expect(cached(db, "k", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await cached(db, "k", async () => ({ ok: true }))).toEqual({ ok: true });
  });
});
