-- Teams can be archived, and have members and gatekeepers (issue 12, item 3).
ALTER TABLE "Team" ADD COLUMN "archivedAt" DATETIME;

-- CreateTable
CREATE TABLE "TeamMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TeamMember_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TeamMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "TeamMember_teamId_userId_key" ON "TeamMember"("teamId", "userId");
CREATE INDEX "TeamMember_userId_role_idx" ON "TeamMember"("userId", "role");

-- Gate reviews decided by a quorum keep every signature (issue 12, item 4); the playbook says
-- how many agreeing signatures each gate needs.
ALTER TABLE "PlaybookStage" ADD COLUMN "quorum" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "GateReview" ADD COLUMN "quorum" INTEGER;
ALTER TABLE "GateReview" ADD COLUMN "signatures" JSONB;

-- CreateTable
CREATE TABLE "GateSignature" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "dissent" TEXT,
    "revisitDate" DATETIME,
    "recycleTo" TEXT,
    "condition" TEXT,
    "conditionDueDate" DATETIME,
    "overrideReason" TEXT,
    "signedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "GateSignature_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "GateReview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GateSignature_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "GateSignature_reviewId_userId_key" ON "GateSignature"("reviewId", "userId");
CREATE INDEX "GateSignature_userId_idx" ON "GateSignature"("userId");

-- A decided review's quorum and signatures are final like the rest of it (decision 27).
DROP TRIGGER "GateReview_decided_is_final";
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
  OR NEW."quorum" IS NOT OLD."quorum" OR NEW."signatures" IS NOT OLD."signatures"
  OR (OLD."conditionMetAt" IS NOT NULL AND NEW."conditionMetAt" IS NOT OLD."conditionMetAt")
)
BEGIN SELECT RAISE(ABORT, 'a decided gate review is final'); END;

-- A signature is never changed or taken back.
CREATE TRIGGER "GateSignature_no_update" BEFORE UPDATE ON "GateSignature"
BEGIN SELECT RAISE(ABORT, 'gate signatures are append-only'); END;
CREATE TRIGGER "GateSignature_no_delete" BEFORE DELETE ON "GateSignature"
BEGIN SELECT RAISE(ABORT, 'gate signatures are append-only'); END;
