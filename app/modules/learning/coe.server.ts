// COEs as records (issue 26, items 3 and 4): the organisation's root-cause categories, a COE's
// record (impact, timeline, why-chains, root causes, action items as rows owned by people),
// saved in one transaction with the values it changed; and "once fixed, it remains fixed": a root
// cause in a category an earlier, closed COE fixed flags the new COE recurring and asks the
// earlier COE's author about its action items again.
import { TZDate } from "@date-fns/tz";
import { recheckCoe } from "~/modules/artifacts/artifacts.server";
import { coeDocumentParts } from "~/modules/artifacts/checks";
import { changed } from "~/modules/audit/changes";
import { writeAudit, writeAuditMany, type AuditInput } from "~/modules/audit/audit.server";
import { refreshGateStatus } from "~/modules/lifecycle/gate.server";
import { canOnProject, canWriteArtifact, WORK_OWNER_ROLES, type Person } from "~/modules/people/authorize";
import { PROJECT_PEOPLE } from "~/modules/people/project-people.server";
import { ProjectRefusal } from "~/modules/projects/project-write.server";
import type { Problem, Result } from "~/modules/result";
import type { Db, Tx } from "~/utils/db.server";
import { formatDay } from "~/utils/dates";
import { chainsOf, coeClosed, recordFromDocument, recurrencesOf, type CoeRecordInput } from "./coe";

async function inTransaction<T extends object>(db: Db, work: (tx: Tx) => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true as const, ...(await db.$transaction(work)) };
  } catch (error) {
    if (error instanceof ProjectRefusal) return error.result;
    throw error;
  }
}

const refuse = (status: 400 | 403 | 404 | 409, message: string, problems?: Problem[]): never => {
  throw new ProjectRefusal(problems ? { ok: false, status, message, problems } : { ok: false, status, message });
};

// ── Categories ────────────────────────────────────────────────────────────────────────────────

/** The categories, in name order; archived ones only when asked (a COE names only live ones). */
export function listCategories(db: Db | Tx, options: { archived?: boolean } = {}) {
  return db.rootCauseCategory.findMany({
    where: options.archived ? {} : { archivedAt: null },
    orderBy: { name: "asc" },
    select: { id: true, name: true, description: true, archivedAt: true, _count: { select: { rootCauses: true } } },
  });
}

export function addCategory(db: Db, actor: Person, input: { name: string; description?: string }): Promise<Result<{ id: string }>> {
  return inTransaction(db, async (tx) => {
    // Names are told apart regardless of case: "Deployment" and "deployment" would split one cause in two.
    const names = await tx.rootCauseCategory.findMany({ select: { name: true } });
    if (names.some((n) => n.name.toLocaleLowerCase("en") === input.name.toLocaleLowerCase("en"))) {
      return refuse(400, `There is already a category "${input.name}".`, [
        { code: "duplicate", field: "name", message: `There is already a category "${input.name}".` },
      ]);
    }
    const category = await tx.rootCauseCategory.create({ data: { name: input.name, description: input.description || null }, select: { id: true } });
    await writeAudit(tx, {
      actorId: actor.id,
      entity: "root_cause_category",
      entityId: category.id,
      action: "category.added",
      data: { name: input.name, changes: [changed("category", null, input.name)] },
    });
    return { id: category.id };
  });
}

export function setCategoryArchived(db: Db, actor: Person, categoryId: string, archived: boolean): Promise<Result<{ id: string }>> {
  return inTransaction(db, async (tx) => {
    const category = await tx.rootCauseCategory.findUnique({ where: { id: categoryId }, select: { id: true, name: true, archivedAt: true } });
    if (!category) return refuse(404, "There is no such category.");
    if ((category.archivedAt !== null) !== archived) {
      await tx.rootCauseCategory.update({ where: { id: categoryId }, data: { archivedAt: archived ? new Date() : null } });
      await writeAudit(tx, {
        actorId: actor.id,
        entity: "root_cause_category",
        entityId: categoryId,
        action: archived ? "category.archived" : "category.restored",
        data: { name: category.name },
      });
    }
    return { id: categoryId };
  });
}

// ── A COE's record ───────────────────────────────────────────────────────────────────────────

/** A COE document with its record (or none yet), its action items, what recurs, and what the form offers. */
export async function coeRecordPage(db: Db, artifactId: string) {
  const artifact = await db.artifact.findUnique({
    where: { id: artifactId },
    select: {
      id: true,
      kind: true,
      title: true,
      state: true,
      stage: true,
      authorId: true,
      projectId: true,
      project: { select: { key: true, title: true, ...PROJECT_PEOPLE } },
      coeRecord: {
        select: {
          impactCount: true,
          impactMetric: { select: { id: true, name: true } },
          startedAt: true,
          detectedAt: true,
          mitigatedAt: true,
          resolvedAt: true,
          whyChains: true,
          recurring: true,
          reopenedAt: true,
          rootCauses: { orderBy: { position: "asc" }, select: { text: true, categoryId: true, category: { select: { name: true } } } },
        },
      },
      actionItems: {
        orderBy: { position: "asc" },
        select: { id: true, title: true, ownerId: true, ownerName: true, dueDate: true, ticketUrl: true, doneAt: true },
      },
    },
  });
  if (!artifact || artifact.kind !== "coe") return null;
  const [recurs, recurredIn, lesson] = await Promise.all([
    db.coeRecurrence.findMany({ where: { coeId: artifactId }, select: { earlierId: true, categoryId: true } }),
    db.coeRecurrence.findMany({ where: { earlierId: artifactId }, select: { coeId: true, categoryId: true } }),
    db.lesson.findFirst({ where: { artifactId }, select: { text: true } }),
  ]);
  const ids = [...new Set([...recurs.map((r) => r.earlierId), ...recurredIn.map((r) => r.coeId)])];
  const categoryIds = [...new Set([...recurs, ...recurredIn].map((r) => r.categoryId))];
  const [titles, categories] = await Promise.all([
    db.artifact.findMany({ where: { id: { in: ids } }, select: { id: true, title: true, project: { select: { key: true } } } }),
    db.rootCauseCategory.findMany({ where: { id: { in: categoryIds } }, select: { id: true, name: true } }),
  ]);
  const titleOf = new Map(titles.map((t) => [t.id, { id: t.id, title: t.title, projectKey: t.project.key }]));
  const categoryName = new Map(categories.map((c) => [c.id, c.name]));
  return {
    artifact,
    record: artifact.coeRecord && { ...artifact.coeRecord, whyChains: chainsOf(artifact.coeRecord.whyChains) },
    lesson: lesson?.text ?? null,
    recurs: recurs.map((r) => ({ coe: titleOf.get(r.earlierId)!, category: categoryName.get(r.categoryId) ?? "" })).filter((r) => r.coe),
    recurredIn: recurredIn.map((r) => ({ coe: titleOf.get(r.coeId)!, category: categoryName.get(r.categoryId) ?? "" })).filter((r) => r.coe),
  };
}

/** A moment of the timeline as the person typed it (2026-11-02T14:05), in their time zone. */
function momentIn(local: string, timeZone: string): Date {
  const [day, time] = local.split("T") as [string, string];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const [h, min] = time.split(":").map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, h, min, 0, timeZone).getTime());
}

const instantText = (date: Date | null) => (date ? `${date.toISOString().slice(0, 16).replace("T", " ")} UTC` : null);

/**
 * Saves a COE's record in one transaction: the record, its root causes and its action items (an
 * item kept under the same words keeps its done mark), the COE's checks judged again, its lesson
 * in the library, recurrences found, and an audit event with the values it changed.
 */
export function saveCoeRecord(
  db: Db,
  actor: Person,
  artifactId: string,
  input: CoeRecordInput,
  timeZone: string,
  now = new Date(),
): Promise<Result<{ id: string; recurring: number }>> {
  return inTransaction(db, async (tx) => {
    const artifact = await tx.artifact.findUnique({
      where: { id: artifactId },
      select: { id: true, kind: true, state: true, stage: true, authorId: true, projectId: true, project: { select: PROJECT_PEOPLE } },
    });
    if (!artifact || artifact.kind !== "coe") return refuse(404, "There is no such COE.");
    if (!canWriteArtifact({ ...actor, onProject: canOnProject(actor, artifact.project, "write") }, artifact)) {
      return refuse(403, "Only the COE's author, the project's owner and contributors, and administrators keep its record.");
    }
    if (artifact.state === "withdrawn") return refuse(400, "This COE was withdrawn; its record stays as it was.");

    // Every name the form sends must be one the workspace knows, now.
    const [categories, owners, metric] = await Promise.all([
      tx.rootCauseCategory.findMany({ where: { id: { in: input.rootCauses.map((r) => r.categoryId) }, archivedAt: null }, select: { id: true, name: true } }),
      tx.user.findMany({
        where: { id: { in: input.actions.map((a) => a.ownerId) }, deactivatedAt: null, role: { in: [...WORK_OWNER_ROLES] } },
        select: { id: true, name: true },
      }),
      input.impactMetricId ? tx.metric.findFirst({ where: { id: input.impactMetricId, projectId: artifact.projectId }, select: { id: true } }) : null,
    ]);
    const categoryName = new Map(categories.map((c) => [c.id, c.name]));
    const ownerName = new Map(owners.map((o) => [o.id, o.name]));
    const problems: Problem[] = [
      ...input.rootCauses.flatMap((r, i) =>
        categoryName.has(r.categoryId) ? [] : [{ code: "unknown_category", field: `rootCauses[${i}].categoryId`, message: "Choose a category from the list." }],
      ),
      ...input.actions.flatMap((a, i) =>
        ownerName.has(a.ownerId)
          ? []
          : [{ code: "unknown_owner", field: `actions[${i}].ownerId`, message: "Choose an active person who may act as the owner (not a viewer)." }],
      ),
      ...(input.impactMetricId && !metric ? [{ code: "unknown_metric", field: "impactMetricId", message: "Choose one of this project's metrics." }] : []),
    ];
    if (problems.length) return refuse(400, problems[0]!.message, problems);

    const before = await tx.coeRecord.findUnique({
      where: { artifactId },
      select: {
        impactCount: true,
        startedAt: true,
        detectedAt: true,
        mitigatedAt: true,
        resolvedAt: true,
        whyChains: true,
        createdAt: true,
        rootCauses: { orderBy: { position: "asc" }, select: { text: true, category: { select: { name: true } } } },
      },
    });
    const items = await tx.coeActionItem.findMany({
      where: { artifactId },
      orderBy: { position: "asc" },
      select: { id: true, title: true, ownerName: true, dueDate: true, doneAt: true },
    });
    const moments = {
      startedAt: momentIn(input.startedAt, timeZone),
      detectedAt: momentIn(input.detectedAt, timeZone),
      mitigatedAt: momentIn(input.mitigatedAt, timeZone),
      resolvedAt: input.resolvedAt ? momentIn(input.resolvedAt, timeZone) : null,
    };
    const data = { impactCount: input.impactCount, impactMetricId: metric?.id ?? null, ...moments, whyChains: input.chains };
    await tx.coeRecord.upsert({ where: { artifactId }, create: { artifactId, projectId: artifact.projectId, ...data }, update: data });
    await tx.coeRootCause.deleteMany({ where: { coeId: artifactId } });
    await tx.coeRootCause.createMany({
      data: input.rootCauses.map((r, position) => ({ coeId: artifactId, position, text: r.text, categoryId: r.categoryId })),
    });

    const doneBefore = new Map(items.map((i) => [i.title, i.doneAt]));
    await tx.coeActionItem.deleteMany({ where: { artifactId } });
    await tx.coeActionItem.createMany({
      data: input.actions.map((a, position) => ({
        artifactId,
        projectId: artifact.projectId,
        position,
        title: a.title,
        ownerId: a.ownerId,
        ownerName: ownerName.get(a.ownerId)!,
        dueDate: a.dueDate,
        ticketUrl: a.link,
        doneAt: doneBefore.get(a.title) ?? null,
      })),
    });

    await tx.lesson.deleteMany({ where: { artifactId } });
    if (input.lesson) {
      const team = await tx.project.findUnique({ where: { id: artifact.projectId }, select: { teamId: true } });
      await tx.lesson.create({
        data: {
          projectId: artifact.projectId,
          artifactId,
          outcome: "coe",
          stage: artifact.stage,
          teamId: team?.teamId ?? null,
          category: categoryName.get(input.rootCauses[0]!.categoryId) ?? null,
          text: input.lesson,
          createdAt: now,
        },
      });
    }

    const events: AuditInput[] = [];
    const found = await recordRecurrences(
      tx,
      actor,
      artifactId,
      input.rootCauses.map((r) => r.categoryId),
      before?.createdAt ?? now,
      now,
      events,
    );

    const chainText = (chains: { problem: string; whys: string[] }[]) =>
      chains.map((c) => `${c.problem}: ${c.whys.map((w, i) => `${i + 1}. ${w}`).join(" ")}`).join("\n") || null;
    const causeText = (causes: { text: string; category: string }[]) => causes.map((c, i) => `RC${i + 1} [${c.category}] ${c.text}`).join("\n") || null;
    const actionText = (list: { title: string; owner: string | null; due: Date | null }[]) =>
      list.map((a) => `${a.title} (${a.owner ?? "no owner"}, due ${a.due ? formatDay(a.due) : "no date"})`).join("\n") || null;
    const changes = [
      changed("impactCount", before?.impactCount ?? null, input.impactCount),
      ...(["startedAt", "detectedAt", "mitigatedAt", "resolvedAt"] as const).map((f) => changed(f, instantText(before?.[f] ?? null), instantText(moments[f]))),
      changed("whyChains", chainText(before ? chainsOf(before.whyChains) : []), chainText(input.chains)),
      changed(
        "rootCauses",
        causeText((before?.rootCauses ?? []).map((r) => ({ text: r.text, category: r.category.name }))),
        causeText(input.rootCauses.map((r) => ({ text: r.text, category: categoryName.get(r.categoryId)! }))),
      ),
      changed(
        "actions",
        actionText(items.map((i) => ({ title: i.title, owner: i.ownerName, due: i.dueDate }))),
        actionText(input.actions.map((a) => ({ title: a.title, owner: ownerName.get(a.ownerId)!, due: a.dueDate }))),
      ),
    ].filter((c) => c.before !== c.after);
    events.unshift({
      actorId: actor.id,
      projectId: artifact.projectId,
      entity: "artifact",
      entityId: artifactId,
      action: before ? "coe.record_edited" : "coe.recorded",
      data: { recurring: found, changes },
    });
    await writeAuditMany(tx, events);
    await recheckCoe(tx, artifactId);
    await tx.project.update({ where: { id: artifact.projectId }, data: { version: { increment: 1 } } });
    await refreshGateStatus(tx, [artifact.projectId]);
    return { id: artifactId, recurring: found };
  });
}

/**
 * The earlier, closed COEs that had a root cause in one of these categories: each pair recorded
 * once, the new COE flagged recurring, and each earlier COE newly recurred asked about again
 * (its author sees it in My work until they review its action items). Returns how many pairs.
 */
async function recordRecurrences(tx: Tx, actor: Person, coeId: string, categoryIds: string[], createdAt: Date, now: Date, events: AuditInput[]) {
  const earlier = await tx.coeRecord.findMany({
    where: {
      artifactId: { not: coeId },
      createdAt: { lt: createdAt },
      artifact: { state: { not: "withdrawn" } },
      rootCauses: { some: { categoryId: { in: categoryIds } } },
    },
    select: {
      artifactId: true,
      projectId: true,
      rootCauses: { select: { categoryId: true } },
      artifact: { select: { title: true, actionItems: { select: { doneAt: true } } } },
    },
  });
  const pairs = recurrencesOf(
    categoryIds,
    earlier.map((e) => ({ id: e.artifactId, categories: e.rootCauses.map((r) => r.categoryId), closed: coeClosed(e.artifact.actionItems) })),
  );
  const known = new Set(
    (await tx.coeRecurrence.findMany({ where: { coeId }, select: { earlierId: true, categoryId: true } })).map((r) => `${r.earlierId}|${r.categoryId}`),
  );
  const fresh = pairs.filter((p) => !known.has(`${p.earlierId}|${p.categoryId}`));
  if (fresh.length) await tx.coeRecurrence.createMany({ data: fresh.map((p) => ({ coeId, ...p, createdAt: now })) });
  await tx.coeRecord.update({ where: { artifactId: coeId }, data: { recurring: pairs.length > 0 || known.size > 0 } });
  for (const earlierId of new Set(fresh.map((p) => p.earlierId))) {
    const e = earlier.find((x) => x.artifactId === earlierId)!;
    await tx.coeRecord.update({ where: { artifactId: earlierId }, data: { reopenedAt: now } });
    events.push({
      actorId: actor.id,
      projectId: e.projectId,
      entity: "artifact",
      entityId: earlierId,
      action: "coe.recurred",
      data: { title: e.artifact.title, in: coeId, categories: fresh.filter((p) => p.earlierId === earlierId).map((p) => p.categoryId) },
    });
  }
  return pairs.length;
}

/** The earlier COE's author has looked at its action items again after a recurrence. */
export function reviewRecurrence(db: Db, actor: Person, artifactId: string): Promise<Result<{ id: string }>> {
  return inTransaction(db, async (tx) => {
    const artifact = await tx.artifact.findUnique({
      where: { id: artifactId },
      select: { id: true, authorId: true, projectId: true, project: { select: PROJECT_PEOPLE }, coeRecord: { select: { reopenedAt: true } } },
    });
    if (!artifact?.coeRecord) return refuse(404, "There is no such COE record.");
    if (!canWriteArtifact({ ...actor, onProject: canOnProject(actor, artifact.project, "write") }, artifact)) {
      return refuse(403, "Only the COE's author, the project's owner and contributors, and administrators review it.");
    }
    if (artifact.coeRecord.reopenedAt) {
      await tx.coeRecord.update({ where: { artifactId }, data: { reopenedAt: null } });
      await writeAudit(tx, { actorId: actor.id, projectId: artifact.projectId, entity: "artifact", entityId: artifactId, action: "coe.recurrence_reviewed" });
    }
    return { id: artifactId };
  });
}

export type MigrationReport = { made: { id: string; title: string }[]; left: { id: string; title: string; reasons: string[] }[] };

/**
 * Old COE documents made into records where their structure allows (recordFromDocument), each in
 * its own transaction by saveCoeRecord, read in UTC; the others stay documents, each with why.
 */
export async function migrateCoeDocuments(db: Db, actor: Person): Promise<Result<{ report: MigrationReport }>> {
  const [documents, categories, people] = await Promise.all([
    db.artifact.findMany({
      where: { kind: "coe", state: { not: "withdrawn" }, coeRecord: null, body: { not: null } },
      orderBy: { createdAt: "asc" },
      select: { id: true, title: true, body: true },
    }),
    listCategories(db),
    db.user.findMany({ where: { deactivatedAt: null, role: { in: [...WORK_OWNER_ROLES] } }, select: { id: true, name: true } }),
  ]);
  const report: MigrationReport = { made: [], left: [] };
  for (const doc of documents) {
    const mapped = recordFromDocument(coeDocumentParts(doc.body ?? ""), categories, people);
    if (!mapped.ok) {
      report.left.push({ id: doc.id, title: doc.title, reasons: mapped.reasons });
      continue;
    }
    const saved = await saveCoeRecord(db, actor, doc.id, mapped.input, "UTC");
    if (saved.ok) report.made.push({ id: doc.id, title: doc.title });
    else report.left.push({ id: doc.id, title: doc.title, reasons: [saved.message] });
  }
  await db.$transaction((tx) =>
    writeAudit(tx, {
      actorId: actor.id,
      entity: "root_cause_category",
      entityId: "migration",
      action: "coe.documents_migrated",
      data: { made: report.made.length, left: report.left.length },
    }),
  );
  return { ok: true, report };
}
