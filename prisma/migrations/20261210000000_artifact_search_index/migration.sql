-- A title search (the palette, /search) scans this index newest first instead of the artifact rows with their bodies (issue 27, item 3).
-- DropIndex
DROP INDEX "Artifact_updatedAt_idx";

-- CreateIndex
CREATE INDEX "Artifact_updatedAt_state_title_idx" ON "Artifact"("updatedAt", "state", "title");
