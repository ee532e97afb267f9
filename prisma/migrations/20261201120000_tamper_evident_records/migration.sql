-- Tamper-evident records (issue 10, README decision 27).

-- Each audit event carries the hash of the one before it and its own; events written before
-- this migration keep NULL and are reported as outside the chain.
ALTER TABLE "AuditEvent" ADD COLUMN "prevHash" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "hash" TEXT;
CREATE UNIQUE INDEX "AuditEvent_prevHash_key" ON "AuditEvent"("prevHash");

-- Gate reviews are append-only once decided: a pending request may be completed by its
-- decision, and a decided review may only gain the date its condition was met, once.
CREATE TRIGGER "GateReview_no_delete" BEFORE DELETE ON "GateReview"
BEGIN SELECT RAISE(ABORT, 'gate reviews are append-only'); END;

CREATE TRIGGER "GateReview_decided_is_final" BEFORE UPDATE ON "GateReview"
WHEN OLD."decidedAt" IS NOT NULL AND (
  NEW."id" IS NOT OLD."id" OR NEW."projectId" IS NOT OLD."projectId" OR NEW."stage" IS NOT OLD."stage"
  OR NEW."requestedById" IS NOT OLD."requestedById" OR NEW."requestedAt" IS NOT OLD."requestedAt"
  OR NEW."decidedById" IS NOT OLD."decidedById" OR NEW."decidedAt" IS NOT OLD."decidedAt"
  OR NEW."decision" IS NOT OLD."decision" OR NEW."rationale" IS NOT OLD."rationale"
  OR NEW."revisitDate" IS NOT OLD."revisitDate" OR NEW."recycleTo" IS NOT OLD."recycleTo"
  OR NEW."condition" IS NOT OLD."condition" OR NEW."conditionDueDate" IS NOT OLD."conditionDueDate"
  OR NEW."checklist" IS NOT OLD."checklist" OR NEW."playbookVersion" IS NOT OLD."playbookVersion"
  OR NEW."overrideReason" IS NOT OLD."overrideReason" OR NEW."artifactVersions" IS NOT OLD."artifactVersions"
  OR (OLD."conditionMetAt" IS NOT NULL AND NEW."conditionMetAt" IS NOT OLD."conditionMetAt")
)
BEGIN SELECT RAISE(ABORT, 'a decided gate review is final'); END;
