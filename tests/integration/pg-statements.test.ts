// PostgreSQL connections prepare each statement once by name, up to a limit per connection
// (decision 44). Runs against the cluster of the PostgreSQL suite; skipped on SQLite.
import { afterAll, describe, expect, it, vi } from "vitest";
import type pg from "pg";
import { createPrismaClient } from "~/utils/db.server";
import { createPgPool, statementName } from "~/utils/pg-statements.server";
import { testPostgresUrl, withPostgresClient } from "../setup/postgres";

const cluster = testPostgresUrl();
const pools: pg.Pool[] = [];

afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
});

/** The statements this connection has prepared, by name (a plain-text query, which is never named). */
async function prepared(client: pg.PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>("SELECT name FROM pg_prepared_statements ORDER BY name");
  return rows.map((r) => r.name);
}

describe.skipIf(!cluster)("named statements on PostgreSQL", () => {
  it("prepares a text once per connection under its hash's name and reuses it with other values", async () => {
    const pool = createPgPool({ connectionString: cluster!, max: 1 }, 2);
    pools.push(pool);
    const client = await pool.connect();
    try {
      const double = "SELECT $1::int * 2 AS n";
      for (const n of [1, 2, 3]) {
        const { rows } = await client.query({ text: double, values: [n] });
        expect(rows).toEqual([{ n: n * 2 }]);
      }
      expect(await prepared(client)).toEqual([statementName(double)]);
      // Another text gets another name; a third is over the limit of two and goes unnamed, and still answers.
      const triple = "SELECT $1::int * 3 AS n";
      const square = "SELECT $1::int * $1::int AS n";
      expect((await client.query({ text: triple, values: [2] })).rows).toEqual([{ n: 6 }]);
      expect((await client.query({ text: square, values: [4] })).rows).toEqual([{ n: 16 }]);
      expect((await client.query({ text: square, values: [5] })).rows).toEqual([{ n: 25 }]);
      expect(await prepared(client)).toEqual([statementName(double), statementName(triple)].sort());
      // A named text still runs from its statement once the limit is reached.
      expect((await client.query({ text: double, values: [21] })).rows).toEqual([{ n: 42 }]);
    } finally {
      client.release();
    }
  });

  it("keeps a name the caller chose, and a failed statement does not poison the connection", async () => {
    const pool = createPgPool({ connectionString: cluster!, max: 1 });
    pools.push(pool);
    const client = await pool.connect();
    try {
      await client.query({ name: "chosen", text: "SELECT 1 AS one" });
      await expect(client.query({ text: "SELECT missing_column FROM pg_class" })).rejects.toThrow(/missing_column/);
      expect((await client.query({ text: "SELECT $1::text AS t", values: ["ok"] })).rows).toEqual([{ t: "ok" }]);
      expect(await prepared(client)).toEqual(["chosen", statementName("SELECT $1::text AS t")].sort());
    } finally {
      client.release();
    }
  });

  it("names the statements Prisma's queries send through the pool", async () => {
    const pool = createPgPool({ connectionString: cluster!, max: 1 });
    pools.push(pool);
    // pool.query, as the adapter calls it outside transactions, goes through the same connection.
    await pool.query({ text: "SELECT $1::int AS n", values: [7] });
    const client = await pool.connect();
    try {
      expect(await prepared(client)).toEqual([statementName("SELECT $1::int AS n")]);
    } finally {
      client.release();
    }
  });

  /** How many connections named `application` the cluster has open. */
  const connections = (application: string) =>
    withPostgresClient(cluster!, async (admin) => {
      const { rows } = await admin.query<{ n: string }>("SELECT COUNT(*) AS n FROM pg_stat_activity WHERE application_name = $1", [application]);
      return Number(rows[0]!.n);
    });

  const withApplication = (application: string) => {
    const url = new URL(cluster!);
    url.searchParams.set("application_name", application);
    return url.toString();
  };

  it("closes the client's connections when it disconnects", async () => {
    const db = createPrismaClient(withApplication("gp_disconnect_test"));
    await db.$queryRawUnsafe("SELECT 1");
    expect(await connections("gp_disconnect_test")).toBe(1);
    await db.$disconnect();
    await vi.waitFor(async () => expect(await connections("gp_disconnect_test")).toBe(0));
  });

  it("survives the server ending an idle connection, and the next query opens another", async () => {
    const said = vi.spyOn(console, "error").mockImplementation(() => {});
    const db = createPrismaClient(withApplication("gp_terminated_test"));
    try {
      await db.$queryRawUnsafe("SELECT 1");
      await withPostgresClient(cluster!, (admin) =>
        admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'gp_terminated_test'"),
      );
      await vi.waitFor(() => expect(said).toHaveBeenCalledWith(expect.stringMatching(/idle PostgreSQL connection closed/)));
      expect(await db.$queryRawUnsafe("SELECT 2 AS two")).toEqual([{ two: 2 }]);
    } finally {
      said.mockRestore();
      await db.$disconnect();
    }
  });
});
