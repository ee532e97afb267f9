// Row factories (issue 11), shared by the integration tests (through ./index.ts) and the
// browser tests (tests/e2e/data.ts): each call makes its own rows, so tests run in any order
// and in parallel. Modelled on Epic Stack's tests/db-utils.ts; the rows are written with
// Prisma directly, as a fixture, not through the modules under test. No test runner here.
import crypto from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { stageIndex, type ProjectRoleKind, type ProjectStatus, type StageKey, type UserRole } from "~/modules/lifecycle/stages";
import type { Db } from "~/utils/db.server";

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

/** A team with a unique slug. */
export async function createTeam(db: Db, options: { name?: string } = {}) {
  const suffix = crypto.randomUUID().slice(0, 8);
  const name = options.name ?? `Team ${suffix}`;
  return db.team.create({ data: { name, slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${suffix}` } });
}

/** An artifact with its first version; approved (and counted at its gate) unless a state is given. */
export async function createArtifact(
  db: Db,
  project: { id: string },
  author: { id: string },
  options: { kind?: Prisma.ArtifactUncheckedCreateInput["kind"]; stage?: StageKey; title?: string; body?: string; state?: "draft" | "approved" } = {},
) {
  const title = options.title ?? "Kick-off email";
  const body = options.body ?? "Why we are doing this, for whom, and why now.";
  const approved = (options.state ?? "approved") === "approved";
  return db.artifact.create({
    data: {
      projectId: project.id,
      kind: options.kind ?? "email",
      stage: options.stage ?? "identify",
      title,
      body,
      authorId: author.id,
      state: approved ? "approved" : "draft",
      approvedVersion: approved ? 1 : null,
      approvedChecksPassed: approved,
      approvedAt: approved ? new Date() : null,
      versions: { create: [{ version: 1, title, body, authorId: author.id }] },
    },
  });
}

/** The fields of a rate metric (a share of 1, averaged, target 90%), for `createMetric(db, project, { name, ...RATE })`. */
export const RATE = { unit: "%", isRate: true, aggregate: "mean", target: 0.9 } as const;

/** A metric of a project with values by period start (YYYY-MM-DD: value); a weekly count with a target unless told. */
export async function createMetric(
  db: Db,
  project: { id: string },
  options: Partial<Omit<Prisma.MetricUncheckedCreateInput, "projectId" | "values">> & { values?: Record<string, number> } = {},
) {
  const { values = {}, ...fields } = options;
  return db.metric.create({
    data: {
      name: "Orders picked on time",
      definition: "Orders picked before their cut-off, from the warehouse system",
      kind: "output",
      unit: "count",
      direction: "higher",
      target: 500,
      cadence: "weekly",
      ...fields,
      projectId: project.id,
      values: { create: Object.entries(values).map(([day, value]) => ({ periodStart: new Date(`${day}T00:00:00Z`), value })) },
    },
  });
}

/**
 * A Problem-identified project ready for its first gate: its owner, its deciders (and any other
 * roles), every fact the gate asks, and the approved kick-off email it needs. Go applies at once.
 */
export function createReadyProject(db: Db, options: { owner: { id: string }; deciders: { id: string }[]; roles?: ProjectOptions["roles"]; title?: string }) {
  return createProject(db, {
    title: options.title,
    owner: options.owner,
    roles: [...options.deciders.map((user) => ({ user, role: "decider" as const })), ...(options.roles ?? [])],
    data: {
      customer: "Shift leads",
      problem: "Late lists",
      whyNow: "Peak season",
      artifacts: {
        create: [
          {
            kind: "email",
            stage: "identify",
            title: "Kick-off email",
            body: "Hello",
            state: "approved",
            approvedVersion: 1,
            approvedChecksPassed: true,
            authorId: options.owner.id,
          },
        ],
      },
    },
  });
}
