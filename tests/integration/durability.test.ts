// Durability (issue 10): metric values are written through the API while the server is killed
// with SIGKILL at a random moment; after a restart the database passes PRAGMA integrity_check,
// every write the server acknowledged (200) is there with its value, and the audit chain is
// still intact. Three rounds, each killing at another moment.
import { createApiToken } from "../factories";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditTrail } from "~/modules/audit/verify.server";
import { createPrismaClient } from "~/utils/db.server";
import { removeDb, startServer, tempDbFile, type RunningServer } from "../setup/server";

const dbFile = tempDbFile();
let server: RunningServer | null = null;
let token = "";
let metricId = "";

async function start() {
  const started = await startServer({ dbFile, env: { DEMO_PASSWORD: "durability-password" } });
  if (!started.ok) throw new Error(started.output);
  server = started.server;
}

beforeAll(async () => {
  await start();
  const db = new Database(dbFile, { readonly: true });
  metricId = (db.prepare(`SELECT "id" FROM "Metric" WHERE "cadence" = 'weekly' AND "unit" <> '%' ORDER BY "id" LIMIT 1`).get() as { id: string }).id;
  db.close();
  const prisma = createPrismaClient(`file:${dbFile}`);
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
  token = (await createApiToken(prisma, admin.id, { name: "durability" })).secret;
  await prisma.$disconnect();
}, 120_000);

afterAll(async () => {
  await server?.stop("SIGKILL");
  removeDb(dbFile);
});

/** The Monday `n` weeks after 2001-01-01 (a Monday), as the API writes periods. */
const monday = (n: number) => new Date(Date.UTC(2001, 0, 1) + n * 7 * 86_400_000).toISOString().slice(0, 10);

describe("writes acknowledged before a SIGKILL", () => {
  it("are all there after a restart, in a database that passes its integrity check", async () => {
    const acknowledged = new Map<string, number>();
    let next = 0;
    for (let round = 0; round < 3; round++) {
      const killAfter = Math.floor(Math.random() * 900);
      const before = acknowledged.size;
      let killed = false;
      // Four writers, each sending one value at a time until the server dies under them.
      const writer = async () => {
        while (!killed) {
          const n = next++;
          const value = n * 10 + round;
          try {
            const response = await fetch(`${server!.base}/api/v1/metrics/${metricId}/values`, {
              method: "POST",
              headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
              body: JSON.stringify({ periodStart: monday(n), value }),
            });
            if (response.status === 200) acknowledged.set(monday(n), value);
            else if (!killed) throw new Error(`unexpected ${response.status}: ${await response.text()}`);
          } catch (error) {
            if (!killed) throw error;
          }
        }
      };
      const writers = Array.from({ length: 4 }, writer);
      // Kill at a random moment once writes are being acknowledged: a fixed delay from the start
      // could land before the first one on a busy machine (a fresh server's first answers are slow).
      for (const waitUntil = Date.now() + 30_000; acknowledged.size === before && Date.now() < waitUntil;)
        await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, killAfter));
      killed = true;
      await server!.stop("SIGKILL");
      await Promise.all(writers);
      // The kill landed while writes were being acknowledged, not before the first one.
      expect(acknowledged.size).toBeGreaterThan(before);
      await start();
    }
    expect(acknowledged.size).toBeGreaterThan(20);
    console.log(`durability: ${acknowledged.size} writes acknowledged across three SIGKILLs`);

    const db = new Database(dbFile, { readonly: true });
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      const rows = db.prepare(`SELECT "periodStart", "value" FROM "MetricValue" WHERE "metricId" = ?`).all(metricId) as {
        periodStart: string | number;
        value: number;
      }[];
      const stored = new Map(rows.map((r) => [new Date(r.periodStart).toISOString().slice(0, 10), r.value]));
      const missing = [...acknowledged].filter(([period, value]) => stored.get(period) !== value);
      expect(missing).toEqual([]);
    } finally {
      db.close();
    }
    const prisma = createPrismaClient(`file:${dbFile}`);
    const chain = await verifyAuditTrail(prisma);
    await prisma.$disconnect();
    expect(chain.events.firstBreak).toBeNull();
  }, 240_000);
});
