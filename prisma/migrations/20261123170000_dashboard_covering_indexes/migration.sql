-- DropIndex
DROP INDEX "Project_status_stage_idx";

-- DropIndex
DROP INDEX "GateReview_stage_decision_idx";

-- CreateIndex
CREATE INDEX "Project_status_stage_stageEnteredAt_idx" ON "Project"("status", "stage", "stageEnteredAt");

-- CreateIndex
CREATE INDEX "GateReview_stage_decision_decidedAt_idx" ON "GateReview"("stage", "decision", "decidedAt");

