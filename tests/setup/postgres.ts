// PostgreSQL for the test suites: when TEST_POSTGRES_URL names a cluster (an administrator's URL,
// as .ci/run's throwaway cluster gives), every test database is a fresh PostgreSQL database
// copied from a template that holds the migrations, instead of a SQLite file (decision 42).
import crypto from "node:crypto";
import path from "node:path";
import { spawnSync } from "node:child_process";
import pg from "pg";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const TEMPLATE = "gatepath_test_template";

/** The cluster the tests run on, or null for SQLite. */
export function testPostgresUrl(): string | null {
  return process.env.TEST_POSTGRES_URL || null;
}

export function databaseUrl(admin: string, name: string): string {
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `work` on a connection of its own to `url`, closed whatever happens. */
export async function withPostgresClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops the database `name` of the cluster at `url` if it exists (whoever is connected), and creates it empty. */
export async function recreateDatabase(url: string, name: string): Promise<void> {
  await withPostgresClient(url, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
}

/** Makes the template database afresh and applies every PostgreSQL migration to it (once per run). */
export async function prepareTemplate(url: string): Promise<void> {
  await recreateDatabase(url, TEMPLATE);
  const result = spawnSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl(url, TEMPLATE) },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`prisma migrate deploy on the test template failed:\n${result.stdout}\n${result.stderr}`);
}

/** A new, empty, migrated database copied from the template; `drop` removes it. */
export async function createPostgresDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `gatepath_test_${crypto.randomUUID().replace(/-/g, "")}`;
  // Copying a template needs nobody connected to it: two workers may try at once, so retry briefly.
  for (let attempt = 1; ; attempt++) {
    try {
      await withPostgresClient(url, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE}"`));
      break;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
  return {
    url: databaseUrl(url, name),
    drop: () =>
      withPostgresClient(url, async (c) => {
        // Clients that were just disconnected may still be closing their connections: the drop
        // waits a moment for them, so that it ends none of them under a pool (whose error event
        // would be logged in whichever test runs next).
        for (let waited = 0; waited < 2_000; waited += 50) {
          const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1`, [name]);
          if (rows[0]!.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
  };
}
