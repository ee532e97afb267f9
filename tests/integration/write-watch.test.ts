// The "changes nothing" checks of the authorization matrix and the fuzzer rest on watchWrites:
// it must see every write to every table, the server's included, and only leave out the limiter's.
// The servers those tests start run on SQLite files, so the watch is SQLite's.
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { watchWrites } from "../setup/write-watch";
import { createSqliteTestDb } from "../setup/test-db";

describe("the write watch", () => {
  it("counts inserts, updates and deletes from another connection on every table but the rate limits'", async () => {
    const t = await createSqliteTestDb();
    try {
      const sqlite = new Database(t.url.replace(/^file:/, ""));
      const writes = watchWrites(sqlite);
      expect(writes()).toBe(0);
      const team = await t.db.team.create({ data: { slug: "watched", name: "Watched" } });
      await t.db.team.update({ where: { id: team.id }, data: { name: "Renamed" } });
      await t.db.team.delete({ where: { id: team.id } });
      expect(writes()).toBe(3);
      await t.db.$executeRaw`INSERT INTO "RateLimit" ("key", "hits", "resetAt") VALUES ('k', 1, 0)`;
      expect(writes()).toBe(3);
      sqlite.close();
    } finally {
      await t.cleanup();
    }
  });
});
