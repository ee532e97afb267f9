// npm start: build if needed, check the database path, apply migrations, seed an empty
// workspace with the demo, then serve. Every failure is one line naming what to fix.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { checkDatabaseDirectory, DEFAULT_DATABASE_URL, fail, prepareDatabase, ROOT, run } from "./prepare";

const BUILD = path.join(ROOT, "build", "index.js");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildIfNeeded() {
  const sources = Math.max(
    newestMtime(path.join(ROOT, "app")),
    ...["remix.config.js", "tailwind.config.ts", "package-lock.json", "prisma/schema.prisma"].map((f) => fs.statSync(path.join(ROOT, f)).mtimeMs),
  );
  const built = fs.existsSync(BUILD) ? fs.statSync(BUILD).mtimeMs : 0;
  if (built >= sources && fs.existsSync(path.join(ROOT, "app", "generated", "prisma", "client.ts"))) return;
  console.log("gatepath: building the app (sources changed since the last build)...");
  run("npm", ["run", "build", "--silent"]);
}

// The cheapest check first: a bad database path fails before any build.
process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;
checkDatabaseDirectory(process.env.DATABASE_URL);
buildIfNeeded();
prepareDatabase();

const { getEnv } = await import("~/utils/env.server");
let env: ReturnType<typeof getEnv>;
try {
  env = getEnv();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (!env.SESSION_SECRET || !process.env.SESSION_SECRET) {
  console.log("gatepath: SESSION_SECRET is not set; using a generated secret (sessions end when the server restarts).");
}

const { configureSqlite, prisma } = await import("~/utils/db.server");
const { ensureDefaultPlaybook } = await import("~/modules/lifecycle/playbook.server");
await configureSqlite(prisma);
await ensureDefaultPlaybook(prisma);
if ((await prisma.user.count()) === 0) {
  const { seedWorkspace, DEFAULT_DEMO_PASSWORD } = await import("~/modules/demo/seed.server");
  const result = await seedWorkspace(prisma);
  console.log(
    `gatepath: seeded the demo workspace (${result.projects} projects) in ${(result.ms / 1000).toFixed(1)} s; sign in as admin@example.com with ${process.env.DEMO_PASSWORD ? "DEMO_PASSWORD" : `"${DEFAULT_DEMO_PASSWORD}"`}.`,
  );
}

// Databases from before stored gate status (or with projects written outside the app) get it now.
const { refreshAllGateStatus } = await import("~/modules/lifecycle/gate.server");
const refreshed = await refreshAllGateStatus(prisma, { onlyUnchecked: true });
if (refreshed > 0) console.log(`gatepath: computed the gate status of ${refreshed} projects.`);

// Refresh the query planner's statistics (cheap; SQLite decides what needs it).
await prisma.$executeRawUnsafe("PRAGMA optimize");

const build = (await import(pathToFileURL(BUILD).href)) as ServerBuild;
const { createServer } = await import("./app");
const server = createServer({ build, loginRateLimit: env.LOGIN_RATE_LIMIT, apiRateLimit: env.API_RATE_LIMIT, isProduction: env.isProduction, publicDir: path.join(ROOT, "public") });
const listener = server.listen(env.PORT, () => console.log(`gatepath: serving on http://localhost:${env.PORT}`));
listener.on("error", (error) => fail(`cannot listen on port ${env.PORT}: ${error.message}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    listener.close();
    void prisma.$disconnect().finally(() => process.exit(0));
  });
}
