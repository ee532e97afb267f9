-- CreateTable
CREATE TABLE "ArtifactReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "artifactId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "requestedById" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT,
    "comment" TEXT,
    "decidedAt" DATETIME,
    CONSTRAINT "ArtifactReview_artifactId_fkey" FOREIGN KEY ("artifactId") REFERENCES "Artifact" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ArtifactReview_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ArtifactReview_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CoeActionItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "artifactId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "ownerName" TEXT,
    "dueDate" DATETIME,
    "ticketUrl" TEXT,
    "doneAt" DATETIME,
    "doneById" TEXT,
    CONSTRAINT "CoeActionItem_artifactId_fkey" FOREIGN KEY ("artifactId") REFERENCES "Artifact" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Artifact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT,
    "body" TEXT,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "authorId" TEXT NOT NULL,
    "reviewerId" TEXT,
    "reviewNote" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "checks" JSONB,
    "checksPassed" BOOLEAN NOT NULL DEFAULT true,
    "approvedVersion" INTEGER,
    "approvedChecksPassed" BOOLEAN NOT NULL DEFAULT false,
    "approvedAt" DATETIME,
    "withdrawnAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Artifact_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Artifact_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Artifact_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Artifact" ("approvedAt", "authorId", "body", "checks", "checksPassed", "createdAt", "id", "kind", "projectId", "reviewNote", "reviewerId", "stage", "state", "title", "updatedAt", "url", "version") SELECT "approvedAt", "authorId", "body", "checks", "checksPassed", "createdAt", "id", "kind", "projectId", "reviewNote", "reviewerId", "stage", "state", "title", "updatedAt", "url", "version" FROM "Artifact";
DROP TABLE "Artifact";
ALTER TABLE "new_Artifact" RENAME TO "Artifact";
CREATE INDEX "Artifact_projectId_stage_idx" ON "Artifact"("projectId", "stage");
CREATE INDEX "Artifact_kind_state_idx" ON "Artifact"("kind", "state");
CREATE INDEX "Artifact_reviewerId_state_idx" ON "Artifact"("reviewerId", "state");
CREATE INDEX "Artifact_authorId_idx" ON "Artifact"("authorId");
CREATE INDEX "Artifact_state_updatedAt_idx" ON "Artifact"("state", "updatedAt");
CREATE INDEX "Artifact_updatedAt_idx" ON "Artifact"("updatedAt");
CREATE TABLE "new_ArtifactVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "artifactId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT,
    "body" TEXT,
    "checks" JSONB,
    "checksPassed" BOOLEAN NOT NULL DEFAULT true,
    "authorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ArtifactVersion_artifactId_fkey" FOREIGN KEY ("artifactId") REFERENCES "Artifact" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ArtifactVersion_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ArtifactVersion" ("artifactId", "authorId", "body", "createdAt", "id", "title", "url", "version") SELECT "artifactId", "authorId", "body", "createdAt", "id", "title", "url", "version" FROM "ArtifactVersion";
DROP TABLE "ArtifactVersion";
ALTER TABLE "new_ArtifactVersion" RENAME TO "ArtifactVersion";
CREATE UNIQUE INDEX "ArtifactVersion_artifactId_version_key" ON "ArtifactVersion"("artifactId", "version");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ArtifactReview_artifactId_requestedAt_idx" ON "ArtifactReview"("artifactId", "requestedAt");

-- CreateIndex
CREATE INDEX "CoeActionItem_projectId_doneAt_idx" ON "CoeActionItem"("projectId", "doneAt");

-- CreateIndex
CREATE INDEX "CoeActionItem_doneAt_dueDate_idx" ON "CoeActionItem"("doneAt", "dueDate");

-- CreateIndex
CREATE UNIQUE INDEX "CoeActionItem_artifactId_title_key" ON "CoeActionItem"("artifactId", "title");


-- Artifacts approved before this migration: their current version is the approved one.
UPDATE "Artifact" SET "approvedVersion" = "version", "approvedChecksPassed" = "checksPassed" WHERE "state" = 'approved';
