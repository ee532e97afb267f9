// Browser tests make their own data (issue 11): a worker's connection to the e2e server's
// database and the row factories of tests/factories, so each test owns the projects it changes
// and files run in parallel workers in any order. The demo's people sign in; the demo's projects
// are only read.
import { configureDatabase, createPrismaClient, type Db } from "~/utils/db.server";
import { createArtifact, createProject, createUser, type ProjectOptions } from "../factories/records";
import { E2E_DATABASE_URL } from "./database-url";
import { test as base } from "./helpers";

export { documentText, expect, fillDocument, login, openTab } from "./helpers";

type Person = { id: string; name: string };
type Made = { id: string; key: string; title: string };

export type E2EData = {
  db: Db;
  /** The demo's sign-in accounts. */
  people: { admin: Person; member: Person; viewer: Person };
  /** A project of this test's own, with the next free key (the server may be making one at the same moment). */
  project: (options?: ProjectOptions) => Promise<Made>;
  /**
   * A Problem-identified project on which Max Member proposes and contributes, someone else owns,
   * and Ada Admin decides; `ready` records every fact and the approved narrative its gate needs.
   */
  gateProject: (options: { ready: boolean; title?: string }) => Promise<Made>;
};

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === "P2002";

export const test = base.extend<object, { data: E2EData }>({
  data: [
    // Playwright reads a fixture's dependencies from its first parameter's pattern: none here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const db = createPrismaClient(E2E_DATABASE_URL);
      await configureDatabase(db);
      const person = async (email: string) => db.user.findUniqueOrThrow({ where: { email }, select: { id: true, name: true } });
      const people = { admin: await person("admin@example.com"), member: await person("member@example.com"), viewer: await person("viewer@example.com") };
      const project = async (options: ProjectOptions = {}): Promise<Made> => {
        for (let attempt = 1; ; attempt++) {
          try {
            const made = await createProject(db, { ...options, title: options.title ?? `E2E project ${crypto.randomUUID().slice(0, 8)}` });
            return { id: made.id, key: made.key, title: made.title };
          } catch (error) {
            if (!isUniqueViolation(error) || attempt === 5) throw error;
          }
        }
      };
      const gateProject = async ({ ready, title }: { ready: boolean; title?: string }) => {
        const owner = await createUser(db, { name: "Olive Owner" });
        const made = await project({
          title,
          proposer: people.member,
          owner,
          roles: [
            { user: people.admin, role: "decider" },
            { user: people.member, role: "contributor" },
          ],
          data: { customer: "Night-shift pickers", problem: "Dock doors are double-booked", whyNow: ready ? "Peak season starts in six weeks" : null },
        });
        await createArtifact(db, made, people.member, { kind: "email", stage: "identify", title: "Kick-off email" });
        return made;
      };
      await use({ db, people, project, gateProject });
      await db.$disconnect();
    },
    { scope: "worker" },
  ],
});

/**
 * The main pages every page-wide check visits (time zones, phones, accessibility): the board, the
 * table, GP-1 and each of its tabs, one of its metrics and artifacts, and the other top-level pages.
 * A check adds the pages only it needs.
 */
export async function mainPages(db: Db): Promise<string[]> {
  const metric = await db.metric.findFirstOrThrow({ where: { project: { key: "GP-1" }, kind: "output" }, select: { id: true } });
  const artifact = await db.artifact.findFirstOrThrow({ where: { project: { key: "GP-1" } }, select: { id: true } });
  // A demo retrospective (the admin sees its form) and the lessons library (issue 26).
  const retro = await db.retrospective.findFirstOrThrow({
    where: { writtenAt: { not: null } },
    orderBy: { openedAt: "asc" },
    select: { id: true, project: { select: { key: true } } },
  });
  // The demo's recurring COE, kept as a record (issue 26).
  const coe = await db.coeRecord.findFirstOrThrow({ where: { recurring: true }, select: { artifactId: true } });
  return [
    "/board",
    "/projects",
    "/projects/GP-1",
    "/projects/GP-1/plan",
    "/projects/GP-1/artifacts",
    "/projects/GP-1/metrics",
    "/projects/GP-1/decisions",
    "/projects/GP-1/people",
    "/projects/GP-1/history",
    "/projects/GP-1/discussion",
    `/projects/${retro.project.key}/retrospectives`,
    `/projects/${retro.project.key}/retrospectives/${retro.id}`,
    "/lessons",
    `/metrics/${metric.id}`,
    `/artifacts/${artifact.id}`,
    `/artifacts/${artifact.id}/read?comments=1`,
    `/artifacts/${coe.artifactId}/record`,
    "/artifacts",
    "/dashboard",
    "/teams/fulfilment/wbr",
    "/playbook",
    "/inbox",
    "/notifications",
    "/settings/notifications",
  ];
}
