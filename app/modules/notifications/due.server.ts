// What the clock tells people (issue 25): a condition or hold date coming due on a project they
// own or decide, a COE action item of theirs coming due, gate debt on their project. Nobody acts
// to cause these, so the delivery worker looks for them at most once an hour; each is told once
// per person (its dedupe key names the date or the debt), however often it is looked for.
import { writeAudit } from "~/modules/audit/audit.server";
import { DUE_SOON_DAYS } from "~/modules/inbox/inbox.server";
import type { Db } from "~/utils/db.server";
import { formatDay } from "~/utils/dates";
import { takeLease } from "~/utils/lease.server";
import { tell, type Notice } from "./notify.server";

const DAY_MS = 86_400_000;
const DUE_SCAN_LEASE = "notify-due";
const ONCE_AN_HOUR = 3_600_000;
const day = (date: Date) => date.toISOString().slice(0, 10);

/** The notices due at `now`, each with its dedupe key. */
export async function dueNotices(db: Db, now: Date): Promise<Notice[]> {
  const soon = new Date(now.getTime() + DUE_SOON_DAYS * DAY_MS);
  const [flagged, items, indebted] = await Promise.all([
    db.project.findMany({
      where: { status: "active", OR: [{ conditionDueAt: { lte: soon } }, { revisitAt: { lte: soon } }] },
      select: { id: true, key: true, title: true, conditionDueAt: true, revisitAt: true },
    }),
    db.coeActionItem.findMany({
      where: { doneAt: null, dueDate: { lte: soon }, artifact: { state: { not: "withdrawn" }, project: { status: "active" } } },
      select: { id: true, title: true, dueDate: true, artifact: { select: { id: true, title: true, projectId: true } } },
    }),
    db.project.findMany({ where: { status: "active", gateDebt: { gt: 0 } }, select: { id: true, key: true, title: true, gateDebt: true } }),
  ]);
  const people = { owner: true, roles: ["owner", "decider"] as const };
  return [
    ...flagged.flatMap((p) =>
      (
        [
          ["condition", p.conditionDueAt],
          ["hold", p.revisitAt],
        ] as const
      )
        .filter((pair): pair is readonly ["condition" | "hold", Date] => pair[1] !== null && pair[1].getTime() <= soon.getTime())
        .map(([what, date]) => ({
          kind: "due" as const,
          title: `${p.key} ${p.title}: ${what === "condition" ? "the condition is due" : "the hold is to be revisited"} on ${formatDay(date)}`,
          href: `/projects/${p.key}#gate`,
          projectId: p.id,
          audience: { projectId: p.id, ...people },
          dedupe: `due:${what}:${p.id}:${day(date)}`,
        })),
    ),
    ...items.map((c) => ({
      kind: "coe_due" as const,
      title: `COE action item due ${formatDay(c.dueDate!)}: ${c.title} (${c.artifact.title})`,
      href: `/artifacts/${c.artifact.id}`,
      projectId: c.artifact.projectId,
      audience: { projectId: c.artifact.projectId, owner: true },
      dedupe: `coe:${c.id}:${day(c.dueDate!)}`,
    })),
    ...indebted.map((p) => ({
      kind: "gate_debt" as const,
      title: `${p.key} ${p.title} has gate debt: ${p.gateDebt} ${p.gateDebt === 1 ? "criterion" : "criteria"} of passed gates unmet`,
      href: `/projects/${p.key}#gate`,
      projectId: p.id,
      audience: { projectId: p.id, ...people },
      dedupe: `debt:${p.id}:${p.gateDebt}`,
    })),
  ];
}

/** Tells what is due, at most once an hour across every process. Answers how many were told. */
export async function notifyDue(db: Db, now = new Date(), options: { always?: boolean } = {}): Promise<number> {
  if (!options.always) {
    // Read first: between looks, nothing is written at all.
    const lease = await db.lease.findUnique({ where: { name: DUE_SCAN_LEASE }, select: { expiresAt: true } });
    if (lease && lease.expiresAt > BigInt(now.getTime())) return 0;
    if (!(await takeLease(db, DUE_SCAN_LEASE, `scan:${now.getTime()}`, ONCE_AN_HOUR, now.getTime()))) return 0;
  }
  const notices = await dueNotices(db, now);
  if (notices.length === 0) return 0;
  return db.$transaction(async (tx) => {
    let told = 0;
    for (const notice of notices) told += await tell(tx, notice, now);
    if (told > 0) await writeAudit(tx, { actorId: null, entity: "notification", entityId: "clock", action: "notification.due", data: { told } });
    return told;
  });
}
