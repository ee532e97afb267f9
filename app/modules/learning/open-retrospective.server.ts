// Opening a retrospective in the transaction of the gate decision that stops, recycles or finishes
// a project (issue 26, item 2). Apart from the rest of the module so the gate imports only this.
import type { AuditInput } from "~/modules/audit/audit.server";
import { retrospectivesRequired, type Playbook } from "~/modules/lifecycle/playbook";
import type { DecisionKind, StageKey } from "~/modules/lifecycle/stages";
import type { Tx } from "~/utils/db.server";
import { retrospectiveTrigger } from "./retrospective";

/**
 * The retrospective a decision opens, if it opens one, with the audit event that says so (the
 * caller writes it with the decision's own events).
 */
export async function openRetrospective(
  tx: Tx,
  input: { projectId: string; reviewId: string; stage: StageKey; kind: DecisionKind; statusAfter: string; playbook: Playbook; actorId: string; now: Date },
): Promise<AuditInput | null> {
  const trigger = retrospectiveTrigger(input.kind, input.statusAfter);
  if (!trigger) return null;
  const required = retrospectivesRequired(input.playbook).includes(trigger);
  const retro = await tx.retrospective.create({
    data: { projectId: input.projectId, reviewId: input.reviewId, trigger, stage: input.stage, required, openedAt: input.now },
    select: { id: true },
  });
  return {
    actorId: input.actorId,
    projectId: input.projectId,
    entity: "retrospective",
    entityId: retro.id,
    action: "retrospective.opened",
    data: { trigger, stage: input.stage, required, reviewId: input.reviewId },
  };
}
