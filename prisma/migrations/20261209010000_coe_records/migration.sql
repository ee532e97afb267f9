-- COEs as records: root-cause categories, the record with its root causes, recurrences, action items owned by a person (issue 26, items 3 and 4)
-- AlterTable
ALTER TABLE "Lesson" ADD COLUMN "artifactId" TEXT;

-- CreateTable
CREATE TABLE "RootCauseCategory" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CoeRecord" (
    "artifactId" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "impactCount" INTEGER NOT NULL,
    "impactMetricId" TEXT,
    "startedAt" DATETIME NOT NULL,
    "detectedAt" DATETIME NOT NULL,
    "mitigatedAt" DATETIME NOT NULL,
    "resolvedAt" DATETIME,
    "whyChains" JSONB NOT NULL,
    "recurring" BOOLEAN NOT NULL DEFAULT false,
    "reopenedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CoeRecord_artifactId_fkey" FOREIGN KEY ("artifactId") REFERENCES "Artifact" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CoeRecord_impactMetricId_fkey" FOREIGN KEY ("impactMetricId") REFERENCES "Metric" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CoeRootCause" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "coeId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    CONSTRAINT "CoeRootCause_coeId_fkey" FOREIGN KEY ("coeId") REFERENCES "CoeRecord" ("artifactId") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CoeRootCause_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "RootCauseCategory" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CoeRecurrence" (
    "coeId" TEXT NOT NULL,
    "earlierId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("coeId", "earlierId", "categoryId")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CoeActionItem" (
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
    "ownerId" TEXT,
    CONSTRAINT "CoeActionItem_artifactId_fkey" FOREIGN KEY ("artifactId") REFERENCES "Artifact" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CoeActionItem_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_CoeActionItem" ("artifactId", "doneAt", "doneById", "dueDate", "id", "ownerName", "position", "projectId", "ticketUrl", "title") SELECT "artifactId", "doneAt", "doneById", "dueDate", "id", "ownerName", "position", "projectId", "ticketUrl", "title" FROM "CoeActionItem";
DROP TABLE "CoeActionItem";
ALTER TABLE "new_CoeActionItem" RENAME TO "CoeActionItem";
CREATE INDEX "CoeActionItem_ownerId_doneAt_idx" ON "CoeActionItem"("ownerId", "doneAt");
CREATE INDEX "CoeActionItem_projectId_doneAt_idx" ON "CoeActionItem"("projectId", "doneAt");
CREATE INDEX "CoeActionItem_doneAt_dueDate_idx" ON "CoeActionItem"("doneAt", "dueDate");
CREATE UNIQUE INDEX "CoeActionItem_artifactId_title_key" ON "CoeActionItem"("artifactId", "title");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "RootCauseCategory_name_key" ON "RootCauseCategory"("name");

-- CreateIndex
CREATE INDEX "CoeRecord_projectId_idx" ON "CoeRecord"("projectId");

-- CreateIndex
CREATE INDEX "CoeRecord_reopenedAt_idx" ON "CoeRecord"("reopenedAt");

-- CreateIndex
CREATE INDEX "CoeRootCause_categoryId_coeId_idx" ON "CoeRootCause"("categoryId", "coeId");

-- CreateIndex
CREATE INDEX "CoeRootCause_coeId_position_idx" ON "CoeRootCause"("coeId", "position");

-- CreateIndex
CREATE INDEX "CoeRecurrence_categoryId_createdAt_idx" ON "CoeRecurrence"("categoryId", "createdAt");

-- CreateIndex
CREATE INDEX "CoeRecurrence_earlierId_idx" ON "CoeRecurrence"("earlierId");

