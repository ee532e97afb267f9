// Gate status follows the clock (issue 12): some rules read today's date (metrics no longer
// reported, output metrics at target over the last periods), so a project's stored readiness and
// gate debt can change with nobody touching it. This job re-judges every project that is not
// stopped, at start and every few minutes, in small batches with a pause between them so requests
// are never kept waiting long, and records in the audit trail which projects changed (which also
// tells the board's and dashboard's caches that their data moved).
import { writeAudit } from "~/modules/audit/audit.server";
import { retryWhenBusy, type Db } from "~/utils/db.server";
import { PROCESS_HOLDER, takeLease } from "~/utils/lease.server";
import { rejudgeGateStatus } from "./gate.server";

export type RejudgeRun = { judged: number; changed: string[]; ms: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One pass over every project that is not stopped, `batch` at a time, each batch its own transaction. */
export async function rejudgeOpenProjects(db: Db, options: { now?: Date; batch?: number; pauseMs?: number } = {}): Promise<RejudgeRun> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const batch = options.batch ?? 200;
  let cursor: string | undefined;
  let judged = 0;
  const changed: string[] = [];
  for (;;) {
    const page = await db.project.findMany({
      where: { status: { not: "stopped" }, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: "asc" },
      take: batch,
      select: { id: true },
    });
    if (page.length === 0) break;
    const keys = await retryWhenBusy(() => batchTransaction(db, page, now));
    changed.push(...keys);
    judged += page.length;
    cursor = page[page.length - 1]!.id;
    if (page.length < batch) break;
    if (options.pauseMs) await sleep(options.pauseMs);
  }
  return { judged, changed, ms: Math.round(performance.now() - started) };
}

/** One batch: re-judge, store what changed, and say so in the trail. */
function batchTransaction(db: Db, page: { id: string }[], now: Date) {
  return db.$transaction(async (tx) => {
    const found = await rejudgeGateStatus(
      tx,
      page.map((p) => p.id),
      now,
    );
    if (found.length > 0) {
      await writeAudit(tx, {
        actorId: null,
        entity: "gate_status",
        entityId: "clock",
        action: "gate.rejudged",
        data: { projects: found.slice(0, 100), count: found.length, at: now.toISOString() },
      });
    }
    return found;
  });
}

/** The lease that keeps the clock's passes to one process at a time across every server on the database. */
export const CLOCK_LEASE = "gate-clock";

/**
 * Runs the re-judging pass soon after start and then every `everyMs`, one pass at a time, and
 * only in the process that holds the clock's lease: with several processes (and machines) on one
 * database, one of them judges each round and the others skip it. The timers do not keep the
 * process alive. Returns a function that stops it.
 */
export function startGateClock(
  db: Db,
  options: { everyMs: number; firstMs?: number; holder?: string; log?: (line: string) => void; onPass?: (run: RejudgeRun) => void },
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const holder = options.holder ?? PROCESS_HOLDER;
  const tick = async () => {
    try {
      // Held for most of a round, so the next round is anyone's again (a process that stopped gives it up by expiry).
      if (await takeLease(db, CLOCK_LEASE, holder, Math.max(1, Math.floor(options.everyMs * 0.9)))) {
        const run = await rejudgeOpenProjects(db, { pauseMs: 20 });
        options.onPass?.(run);
        if (run.changed.length > 0) options.log?.(`gatepath: the clock re-judged ${run.judged} projects in ${run.ms} ms; ${run.changed.length} changed.`);
      }
    } catch (error) {
      options.log?.(`gatepath: the clock's re-judging pass failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!stopped) timer = setTimeout(() => void tick(), options.everyMs).unref();
  };
  timer = setTimeout(() => void tick(), options.firstMs ?? 1000).unref();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
