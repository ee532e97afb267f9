-- CreateTable
CREATE TABLE "UserPreference" (
    "userId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "key"),
    CONSTRAINT "UserPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Project" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "customer" TEXT,
    "problem" TEXT,
    "whyNow" TEXT,
    "customerData" TEXT,
    "similarSystems" TEXT,
    "feasibilityReview" TEXT,
    "constraints" TEXT,
    "scopeBoundary" TEXT,
    "idealEndState" TEXT,
    "rollout" TEXT,
    "launchedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'active',
    "stage" TEXT NOT NULL DEFAULT 'identify',
    "stageRank" INTEGER NOT NULL DEFAULT 0,
    "stageEnteredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ownerId" TEXT,
    "proposerId" TEXT,
    "steadyStateOwnerId" TEXT,
    "teamId" TEXT,
    "parentId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "gateMustMet" INTEGER NOT NULL DEFAULT 0,
    "gateMustTotal" INTEGER NOT NULL DEFAULT 0,
    "gateReadiness" INTEGER NOT NULL DEFAULT 0,
    "gateShouldScore" INTEGER,
    "gateDebt" INTEGER NOT NULL DEFAULT 0,
    "gateCheckedAt" DATETIME,
    "revisitAt" DATETIME,
    "conditionDueAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Project_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Project_proposerId_fkey" FOREIGN KEY ("proposerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Project_steadyStateOwnerId_fkey" FOREIGN KEY ("steadyStateOwnerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Project_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Project_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Project" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Project" ("constraints", "createdAt", "customer", "customerData", "feasibilityReview", "id", "idealEndState", "key", "launchedAt", "number", "ownerId", "parentId", "problem", "proposerId", "rollout", "scopeBoundary", "similarSystems", "stage", "stageEnteredAt", "status", "steadyStateOwnerId", "teamId", "title", "updatedAt", "version", "whyNow") SELECT "constraints", "createdAt", "customer", "customerData", "feasibilityReview", "id", "idealEndState", "key", "launchedAt", "number", "ownerId", "parentId", "problem", "proposerId", "rollout", "scopeBoundary", "similarSystems", "stage", "stageEnteredAt", "status", "steadyStateOwnerId", "teamId", "title", "updatedAt", "version", "whyNow" FROM "Project";
DROP TABLE "Project";
ALTER TABLE "new_Project" RENAME TO "Project";
UPDATE "Project" SET "stageRank" = CASE "stage" WHEN 'identify' THEN 0 WHEN 'understand' THEN 1 WHEN 'owner' THEN 2 WHEN 'plan' THEN 3 WHEN 'execute' THEN 4 ELSE 5 END;
CREATE UNIQUE INDEX "Project_number_key" ON "Project"("number");
CREATE UNIQUE INDEX "Project_key_key" ON "Project"("key");
CREATE INDEX "Project_stage_stageEnteredAt_idx" ON "Project"("stage", "stageEnteredAt");
CREATE INDEX "Project_status_stage_idx" ON "Project"("status", "stage");
CREATE INDEX "Project_teamId_stage_idx" ON "Project"("teamId", "stage");
CREATE INDEX "Project_ownerId_stage_idx" ON "Project"("ownerId", "stage");
CREATE INDEX "Project_stageEnteredAt_idx" ON "Project"("stageEnteredAt");
CREATE INDEX "Project_gateReadiness_idx" ON "Project"("gateReadiness");
CREATE INDEX "Project_stageRank_number_idx" ON "Project"("stageRank", "number");
CREATE INDEX "Project_updatedAt_idx" ON "Project"("updatedAt");
CREATE INDEX "Project_title_idx" ON "Project"("title");
CREATE INDEX "Project_parentId_idx" ON "Project"("parentId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

