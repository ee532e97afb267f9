-- Unsaved drafts of documents, one per person and document, saved as the editor is typed in (issue 24).
-- CreateTable
CREATE TABLE "ArtifactDraft" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "baseVersion" INTEGER,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ArtifactDraft_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ArtifactDraft_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ArtifactDraft_projectId_idx" ON "ArtifactDraft"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "ArtifactDraft_userId_key_key" ON "ArtifactDraft"("userId", "key");

