-- Single sign-on settings of the workspace (issue 25, item 5)
ALTER TABLE "Workspace" ADD COLUMN "ssoNewMembers" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Workspace" ADD COLUMN "ssoDomains" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Workspace" ADD COLUMN "passwordSignIn" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Workspace" ADD COLUMN "breakGlassId" TEXT;
