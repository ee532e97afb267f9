-- COEs as records: root-cause categories, the record with its root causes, recurrences, action items owned by a person (issue 26, items 3 and 4)
-- AlterTable
ALTER TABLE "CoeActionItem" ADD COLUMN     "ownerId" TEXT;

-- AlterTable
ALTER TABLE "Lesson" ADD COLUMN     "artifactId" TEXT;

-- CreateTable
CREATE TABLE "RootCauseCategory" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RootCauseCategory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CoeRecord" (
    "artifactId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "impactCount" INTEGER NOT NULL,
    "impactMetricId" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "detectedAt" TIMESTAMP(3) NOT NULL,
    "mitigatedAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "whyChains" JSONB NOT NULL,
    "recurring" BOOLEAN NOT NULL DEFAULT false,
    "reopenedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CoeRecord_pkey" PRIMARY KEY ("artifactId")
);

-- CreateTable
CREATE TABLE "CoeRootCause" (
    "id" TEXT NOT NULL,
    "coeId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,

    CONSTRAINT "CoeRootCause_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CoeRecurrence" (
    "coeId" TEXT NOT NULL,
    "earlierId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CoeRecurrence_pkey" PRIMARY KEY ("coeId","earlierId","categoryId")
);

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

-- CreateIndex
CREATE INDEX "CoeActionItem_ownerId_doneAt_idx" ON "CoeActionItem"("ownerId", "doneAt");

-- AddForeignKey
ALTER TABLE "CoeActionItem" ADD CONSTRAINT "CoeActionItem_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoeRecord" ADD CONSTRAINT "CoeRecord_artifactId_fkey" FOREIGN KEY ("artifactId") REFERENCES "Artifact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoeRecord" ADD CONSTRAINT "CoeRecord_impactMetricId_fkey" FOREIGN KEY ("impactMetricId") REFERENCES "Metric"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoeRootCause" ADD CONSTRAINT "CoeRootCause_coeId_fkey" FOREIGN KEY ("coeId") REFERENCES "CoeRecord"("artifactId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoeRootCause" ADD CONSTRAINT "CoeRootCause_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "RootCauseCategory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

