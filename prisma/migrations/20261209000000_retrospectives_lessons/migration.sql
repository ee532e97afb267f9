-- Retrospectives, their action items and the lessons library (issue 26, items 2 and 5)
-- AlterTable
ALTER TABLE "PlaybookVersion" ADD COLUMN "retrospectiveRequired" TEXT NOT NULL DEFAULT 'stop,done';

-- CreateTable
CREATE TABLE "Retrospective" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "required" BOOLEAN NOT NULL,
    "expected" TEXT,
    "happened" TEXT,
    "whys" JSONB,
    "differently" TEXT,
    "writtenAt" DATETIME,
    "writtenById" TEXT,
    "openedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Retrospective_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Retrospective_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "GateReview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Retrospective_writtenById_fkey" FOREIGN KEY ("writtenById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActionItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "retrospectiveId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "dueDate" DATETIME NOT NULL,
    "link" TEXT,
    "doneAt" DATETIME,
    CONSTRAINT "ActionItem_retrospectiveId_fkey" FOREIGN KEY ("retrospectiveId") REFERENCES "Retrospective" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActionItem_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Lesson" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "retrospectiveId" TEXT,
    "outcome" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "teamId" TEXT,
    "category" TEXT,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Lesson_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Lesson_retrospectiveId_fkey" FOREIGN KEY ("retrospectiveId") REFERENCES "Retrospective" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Retrospective_reviewId_key" ON "Retrospective"("reviewId");

-- CreateIndex
CREATE INDEX "Retrospective_projectId_openedAt_idx" ON "Retrospective"("projectId", "openedAt");

-- CreateIndex
CREATE INDEX "Retrospective_writtenAt_required_idx" ON "Retrospective"("writtenAt", "required");

-- CreateIndex
CREATE INDEX "ActionItem_ownerId_doneAt_dueDate_idx" ON "ActionItem"("ownerId", "doneAt", "dueDate");

-- CreateIndex
CREATE INDEX "ActionItem_retrospectiveId_position_idx" ON "ActionItem"("retrospectiveId", "position");

-- CreateIndex
CREATE INDEX "Lesson_stage_outcome_createdAt_idx" ON "Lesson"("stage", "outcome", "createdAt");

-- CreateIndex
CREATE INDEX "Lesson_teamId_stage_idx" ON "Lesson"("teamId", "stage");

-- CreateIndex
CREATE INDEX "Lesson_createdAt_idx" ON "Lesson"("createdAt");

