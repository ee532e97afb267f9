-- Unsaved drafts of documents, one per person and document, saved as the editor is typed in (issue 24).
-- CreateTable
CREATE TABLE "ArtifactDraft" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "baseVersion" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ArtifactDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ArtifactDraft_projectId_idx" ON "ArtifactDraft"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "ArtifactDraft_userId_key_key" ON "ArtifactDraft"("userId", "key");

-- AddForeignKey
ALTER TABLE "ArtifactDraft" ADD CONSTRAINT "ArtifactDraft_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArtifactDraft" ADD CONSTRAINT "ArtifactDraft_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

