// Test factories for the integration tests (issue 11): a database per test file, the row
// factories of ./records.ts, and records made through a module where the module is the fixture.
import { afterAll, beforeAll } from "vitest";
import { ensureDefaultPlaybook } from "~/modules/lifecycle/playbook.server";
import { createToken } from "~/modules/tokens/tokens.server";
import type { Db } from "~/utils/db.server";
import { createTestDb } from "../setup/test-db";

export * from "./records";

export type TestDb = Awaited<ReturnType<typeof createTestDb>>;

/**
 * A fresh SQLite file with the default playbook for the calling test file, made before its
 * tests and removed after them. Read `db` (and `env` for more connections) inside tests.
 */
export function withTestDb(): { readonly db: Db; readonly env: TestDb } {
  let env: TestDb | undefined;
  beforeAll(async () => {
    env = await createTestDb();
    await ensureDefaultPlaybook(env.db);
  });
  afterAll(async () => {
    await env?.cleanup();
  });
  return {
    get db() {
      if (!env) throw new Error("withTestDb: the database exists only inside tests and hooks");
      return env.db;
    },
    get env() {
      if (!env) throw new Error("withTestDb: the database exists only inside tests and hooks");
      return env;
    },
  };
}

/** An API token (writing unless `access` is "read") for the organisation, or for the project with key `scope`; the secret is returned once, as the page shows it. */
export async function createApiToken(
  db: Db,
  actorId: string,
  options: { name?: string; scope?: string; access?: "read" | "write" } = {},
): Promise<{ id: string; secret: string }> {
  const result = await createToken(db, actorId, { name: options.name ?? "Test token", scope: options.scope ?? null, access: options.access ?? "write" });
  if (!result.ok) throw new Error(`createApiToken: ${result.message}`);
  return { id: result.id, secret: result.secret };
}
