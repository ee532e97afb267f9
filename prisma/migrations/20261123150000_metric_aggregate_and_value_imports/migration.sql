-- CreateTable
CREATE TABLE "ValueImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "rows" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ValueImport_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Metric" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "ownerId" TEXT,
    "kind" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "isRate" BOOLEAN NOT NULL DEFAULT false,
    "direction" TEXT NOT NULL,
    "target" REAL,
    "cadence" TEXT NOT NULL,
    "aggregate" TEXT NOT NULL DEFAULT 'sum',
    "retiredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Metric_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Metric_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Metric" ("cadence", "createdAt", "definition", "direction", "id", "isRate", "kind", "name", "ownerId", "projectId", "retiredAt", "target", "unit") SELECT "cadence", "createdAt", "definition", "direction", "id", "isRate", "kind", "name", "ownerId", "projectId", "retiredAt", "target", "unit" FROM "Metric";
DROP TABLE "Metric";
ALTER TABLE "new_Metric" RENAME TO "Metric";
CREATE INDEX "Metric_projectId_kind_idx" ON "Metric"("projectId", "kind");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ValueImport_createdAt_idx" ON "ValueImport"("createdAt");


-- Existing rates and times average over a period; everything else keeps adding up.
UPDATE "Metric" SET "aggregate" = 'mean' WHERE "isRate" = 1 OR "unit" IN ('ms', 's', 'min', 'minutes', 'hours', 'days');
