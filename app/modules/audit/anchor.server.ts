// The audit chain's head, kept outside the database (issue 23, decision 46). The database alone
// cannot show that its newest events were deleted, or that the whole chain was hashed anew after
// an edit: a head written down elsewhere can. On a schedule, the process holding the lease appends
// the head (id, hash, number of events) to AUDIT_ANCHOR_FILE and says it in the log;
// `npm run audit:verify -- --head FILE` (or `--head ID:HASH`) checks the trail still holds it.
import { appendFile, readFile } from "node:fs/promises";
import { PROCESS_HOLDER, takeLease } from "~/utils/lease.server";
import type { Db } from "~/utils/db.server";
import { newestChainedEvent } from "./queries.server";
import type { KeptHead } from "./verify.server";

export type Anchor = { at: string; id: number; hash: string; count: number };

export const ANCHOR_LEASE = "audit-anchor";

/** Writes the head when it moved since `last`; returns the head written, or null. */
export async function anchorHead(db: Db, options: { file?: string; last?: number; now?: Date; log?: (line: string) => void }): Promise<Anchor | null> {
  const head = await newestChainedEvent(db);
  if (!head || head.id === options.last) return null;
  const anchor: Anchor = { at: (options.now ?? new Date()).toISOString(), ...head };
  if (options.file) await appendFile(options.file, `${JSON.stringify(anchor)}\n`);
  options.log?.(`gatepath: audit head is event ${anchor.id} (${anchor.count} events), hash ${anchor.hash}${options.file ? `; kept in ${options.file}` : ""}.`);
  return anchor;
}

/** Anchors the head now and then every `everyMs`, in the one process that holds the lease. Returns a function that stops it. */
export function startAnchoring(db: Db, options: { everyMs: number; file?: string; log: (line: string) => void }): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let last: number | undefined;
  const tick = async () => {
    try {
      if (await takeLease(db, ANCHOR_LEASE, PROCESS_HOLDER, Math.max(1, Math.floor(options.everyMs * 0.9)))) {
        last = (await anchorHead(db, { file: options.file, last, log: options.log }))?.id ?? last;
      }
    } catch (error) {
      options.log(`gatepath: could not anchor the audit head: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!stopped) timer = setTimeout(() => void tick(), options.everyMs).unref();
  };
  timer = setTimeout(() => void tick(), 1_000).unref();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** A kept head from `ID:HASH`, or the last line of an anchor file; a one-line reason when it is neither. */
export async function readKeptHead(arg: string): Promise<KeptHead | string> {
  const given = /^(\d+):([0-9a-f]{64})$/.exec(arg);
  if (given) return { id: Number(given[1]), hash: given[2]! };
  let text: string;
  try {
    text = await readFile(arg, "utf8");
  } catch {
    return `--head ${arg}: neither ID:HASH nor a file that can be read.`;
  }
  const lastLine = text.trimEnd().split("\n").at(-1) ?? "";
  try {
    const anchor = JSON.parse(lastLine) as Partial<Anchor>;
    if (typeof anchor.id === "number" && typeof anchor.hash === "string") return { id: anchor.id, hash: anchor.hash };
  } catch {
    // said below
  }
  return `--head ${arg}: its last line is not an anchor ({"at","id","hash","count"}).`;
}
