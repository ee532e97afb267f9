-- A playbook setting per gate: documents are approved only once their comment threads are resolved (issue 24).
ALTER TABLE "PlaybookStage" ADD COLUMN "resolveThreadsFirst" BOOLEAN NOT NULL DEFAULT false;
