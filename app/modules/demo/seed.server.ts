import { chainHead } from "~/modules/audit/audit.server";
import { chain } from "~/modules/audit/chain";
import { hashPassword } from "~/modules/people/password.server";
import { refreshAllGateStatus } from "~/modules/lifecycle/gate.server";
import { ensureDefaultPlaybook } from "~/modules/lifecycle/playbook.server";
import type { Db } from "~/utils/db.server";
import { generateWorkspace, weekStart, type SeedOptions } from "./generate";
import { seedDemoCoes } from "./coes.server";
import { bulkInsert } from "./queries.server";

export type SeedResult = { projects: number; values: number; users: number; ms: number };

/** Fills an empty workspace with the deterministic demo (or a large portfolio), in one transaction. */
export async function seedWorkspace(db: Db, opts: Partial<SeedOptions> & { password: string }): Promise<SeedResult> {
  const started = performance.now();
  // Anchored on this week's Monday, so metric values run up to last week.
  const options: SeedOptions = { projects: opts.projects ?? 60, values: opts.values, anchor: opts.anchor ?? weekStart(new Date()) };
  const ws = generateWorkspace(options);
  const passwordHash = await hashPassword(opts.password);
  const now = new Date();
  await ensureDefaultPlaybook(db);
  await db.$transaction(
    async (tx) => {
      if ((await tx.user.count()) > 0) throw new Error("The workspace is not empty; seed only an empty database.");
      await bulkInsert(
        tx,
        "User",
        ws.users.map((u) => ({ ...u, passwordHash })),
        ["createdAt", "updatedAt"],
        now,
      );
      await bulkInsert(tx, "Team", ws.teams, ["createdAt"], now);
      await bulkInsert(tx, "TeamMember", ws.teamMembers, ["createdAt"], now);
      // Forks point at lower numbers, so parents are inserted first.
      await bulkInsert(tx, "Project", ws.projects, ["updatedAt"], now);
      await bulkInsert(tx, "ProjectRole", ws.roles, ["createdAt"], now);
      await bulkInsert(tx, "Artifact", ws.artifacts, ["updatedAt"], now);
      await bulkInsert(
        tx,
        "ArtifactVersion",
        ws.artifacts.map((a) => ({
          id: `${a.id}-v1`,
          artifactId: a.id,
          version: 1,
          title: a.title,
          url: a.url,
          body: a.body,
          checks: a.checks,
          checksPassed: a.checksPassed,
          authorId: a.authorId,
          createdAt: a.createdAt,
        })),
        [],
        now,
      );
      await bulkInsert(tx, "GateReview", ws.reviews, [], now);
      await bulkInsert(tx, "Decision", ws.decisions, [], now);
      await bulkInsert(tx, "Retrospective", ws.retros, ["updatedAt"], now);
      await bulkInsert(tx, "Lesson", ws.lessons, [], now);
      await bulkInsert(tx, "ActionItem", ws.actions, [], now);
      await bulkInsert(tx, "Tenet", ws.tenets, [], now);
      await bulkInsert(tx, "Milestone", ws.milestones, ["createdAt"], now);
      await bulkInsert(tx, "Metric", ws.metrics, ["createdAt"], now);
      await bulkInsert(tx, "MetricLink", ws.links, [], now);
      await bulkInsert(tx, "MetricValue", ws.values, ["createdAt", "updatedAt"], now);
      // The trail in time order, chained from whatever the workspace already holds (audit/chain.ts).
      const ordered = [...ws.audit].sort((a, b) => a.at.getTime() - b.at.getTime());
      await bulkInsert(tx, "AuditEvent", chain(await chainHead(tx), ordered), [], now);
    },
    { timeout: 30 * 60 * 1000, maxWait: 60_000 },
  );
  await refreshAllGateStatus(db, { onlyUnchecked: true });
  const [admin, member] = ws.users;
  await seedDemoCoes(db, admin!, member!, options.anchor);
  return { projects: ws.projects.length, values: ws.values.length, users: ws.users.length, ms: Math.round(performance.now() - started) };
}
