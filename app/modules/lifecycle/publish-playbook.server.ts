// Publishing a playbook: the next version, audited, then every project judged by it. It sits
// above both the playbook store and the gate status, so neither imports the other.
import { writeAudit } from "~/modules/audit/audit.server";
import { retryWhenBusy, type Db } from "~/utils/db.server";
import { refreshAllGateStatus } from "./gate.server";
import type { Playbook } from "./playbook";
import { savePlaybookVersion } from "./playbook.server";

/** Saves an edited or imported playbook as the next version, audited, then re-judges every project by it. */
export async function savePlaybook(db: Db, actorId: string, playbook: Omit<Playbook, "version">, note: string): Promise<number> {
  // It reads the latest version before it writes the next: another process's commit in between is
  // SQLITE_BUSY_SNAPSHOT (seen in CI), and the whole transaction, rolled back, is simply tried again.
  const version = await retryWhenBusy(() =>
    db.$transaction(async (tx) => {
      const v = await savePlaybookVersion(tx, { ...playbook, version: 0 }, note, actorId);
      await writeAudit(tx, { actorId, entity: "playbook", entityId: String(v), action: "playbook.saved", data: { version: v, note } });
      return v;
    }),
  );
  await refreshAllGateStatus(db, { onlyUnchecked: false });
  return version;
}
