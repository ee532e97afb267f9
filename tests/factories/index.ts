// Test factories (issue 11): each call makes its own rows, so tests run in any order and in
// parallel files, and integration files do not copy their setup. Modelled on Epic Stack's
// tests/db-utils.ts; the rows are written with Prisma directly, as a fixture, not through the
// modules under test.
import crypto from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import type { Prisma } from "~/generated/prisma/client";
import { ensureDefaultPlaybook } from "~/modules/lifecycle/playbook.server";
import { stageIndex, type ProjectRoleKind, type ProjectStatus, type StageKey, type UserRole } from "~/modules/lifecycle/stages";
import { createToken } from "~/modules/tokens/tokens.server";
import type { Db } from "~/utils/db.server";
import { createTestDb } from "../setup/test-db";

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

export type TestUser = { id: string; role: UserRole; name: string; email: string };

/** A person with a unique address; `name` also makes the address readable in failures. */
export async function createUser(db: Db, options: { role?: UserRole; name?: string; passwordHash?: string; deactivated?: boolean } = {}): Promise<TestUser> {
  const name = options.name ?? `Person ${crypto.randomUUID().slice(0, 8)}`;
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}.${crypto.randomUUID().slice(0, 8)}@factory.test`;
  const role = options.role ?? "member";
  const user = await db.user.create({
    data: { email, name, role, passwordHash: options.passwordHash ?? "x", deactivatedAt: options.deactivated ? new Date() : null },
    select: { id: true },
  });
  return { id: user.id, role, name, email };
}

/** People by name, created together: `const u = await createUsers(db, { owner: "member", admin: "admin" })`. */
export async function createUsers<K extends string>(db: Db, roles: Record<K, UserRole>): Promise<Record<K, TestUser>> {
  const entries = await Promise.all(
    (Object.entries(roles) as [K, UserRole][]).map(async ([name, role]) => [name, await createUser(db, { role, name })] as const),
  );
  return Object.fromEntries(entries) as Record<K, TestUser>;
}

export type ProjectOptions = {
  title?: string;
  stage?: StageKey;
  status?: ProjectStatus;
  proposer?: { id: string };
  /** The owner, with the role row the owner needs (accepted unless `ownerAccepted` is false). */
  owner?: { id: string };
  ownerAccepted?: boolean;
  roles?: { user: { id: string }; role: Exclude<ProjectRoleKind, "owner">; acknowledged?: boolean }[];
  /** Facts and any other column, written as given (an `ownerId` here is the column alone, without the role row). */
  data?: Omit<Prisma.ProjectUncheckedCreateInput, "number" | "key" | "title" | "stage" | "stageRank" | "status" | "proposerId">;
};

/** A project at any stage, with the next free number, its owner and roles. */
export async function createProject(db: Db, options: ProjectOptions = {}) {
  const stage = options.stage ?? "identify";
  const last = await db.project.aggregate({ _max: { number: true } });
  const number = (last._max.number ?? 0) + 1;
  const roles: Prisma.ProjectRoleUncheckedCreateWithoutProjectInput[] = [];
  if (options.owner) roles.push({ userId: options.owner.id, role: "owner", acknowledgedAt: options.ownerAccepted === false ? null : new Date() });
  for (const r of options.roles ?? []) roles.push({ userId: r.user.id, role: r.role, acknowledgedAt: r.acknowledged ? new Date() : null });
  const { artifacts, ...data } = (options.data ?? {}) as Prisma.ProjectUncheckedCreateInput;
  return db.project.create({
    data: {
      ...data,
      number,
      key: `GP-${number}`,
      title: options.title ?? `Project ${number}`,
      stage,
      stageRank: stageIndex(stage),
      status: options.status ?? "active",
      proposerId: options.proposer?.id ?? options.owner?.id ?? null,
      ownerId: options.owner?.id ?? data.ownerId ?? null,
      ...(roles.length ? { roles: { create: roles } } : {}),
      ...(artifacts ? { artifacts } : {}),
    } as Prisma.ProjectUncheckedCreateInput,
  });
}

/** An API token for the organisation, or for the project with key `scope`; the secret is returned once, as the page shows it. */
export async function createApiToken(db: Db, actorId: string, options: { name?: string; scope?: string } = {}): Promise<{ id: string; secret: string }> {
  const result = await createToken(db, actorId, { name: options.name ?? "Test token", scope: options.scope ?? null });
  if (!result.ok) throw new Error(`createApiToken: ${result.message}`);
  return { id: result.id, secret: result.secret };
}
