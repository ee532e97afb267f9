// npm start: build if needed, check the database path, apply migrations, seed an empty
// workspace with the demo, then serve. Every failure is one line naming what to fix.
// With WEB_CONCURRENCY=N (N > 1) this process does the preparing once and then runs N worker
// processes that share the port (node:cluster); they share nothing else but the database.
import cluster from "node:cluster";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { BUILD, buildIfNeeded, checkDatabaseDirectory, DEFAULT_DATABASE_URL, fail, prepareDatabase, ROOT } from "./prepare";
import { answerHelp } from "~/utils/cli.server";

const USAGE = `npm start: build if needed, check the database path, apply migrations, seed an empty
workspace with the demo, then serve. Every failure is one line naming what to fix.
With WEB_CONCURRENCY=N (N > 1) this process does the preparing once and then runs N worker
processes that share the port (node:cluster); they share nothing else but the database.`;
answerHelp(USAGE);

if (cluster.isPrimary) {
  // The cheapest check first: a bad database path fails before any build.
  process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;
  checkDatabaseDirectory(process.env.DATABASE_URL);
  buildIfNeeded();
  prepareDatabase();
}

const { getEnv } = await import("~/utils/env.server");
let env: ReturnType<typeof getEnv>;
try {
  env = getEnv();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const workers = cluster.isPrimary ? env.WEB_CONCURRENCY : 0;
if (cluster.isPrimary && !process.env.SESSION_SECRET) {
  console.log("gatepath: SESSION_SECRET is not set; using a generated secret (sessions end when the server restarts).");
  // Every worker signs and reads sessions with the same generated secret.
  process.env.SESSION_SECRET = env.SESSION_SECRET;
}

const { configureDatabase, databaseAnswers, prisma } = await import("~/utils/db.server");
await configureDatabase(prisma);
let setupToken: string | null = null;

if (cluster.isPrimary) {
  const { ensureDefaultPlaybook } = await import("~/modules/lifecycle/playbook.server");
  await ensureDefaultPlaybook(prisma);
  if ((await prisma.user.count()) === 0) {
    if (!env.seedDemo) {
      // An empty workspace: the first visit sets it up, for whoever holds the token printed below.
      const { issueSetupToken } = await import("~/modules/people/setup.server");
      setupToken = await issueSetupToken(prisma, env.GATEPATH_SETUP_TOKEN);
    } else {
      const { demoPassword } = await import("~/modules/demo/demo-password.server");
      const password = demoPassword(env.DEMO_PASSWORD);
      if (!password.ok) fail(password.message);
      const { seedWorkspace } = await import("~/modules/demo/seed.server");
      const result = await seedWorkspace(prisma, { password: password.password });
      console.log(`gatepath: seeded the demo workspace (${result.projects} projects) in ${(result.ms / 1000).toFixed(1)} s.`);
      console.log(
        password.generated
          ? `gatepath: sign in as admin@example.com with the password ${password.password} (shown this once; every demo account shares it).`
          : "gatepath: sign in as admin@example.com with the password in DEMO_PASSWORD.",
      );
    }
  }

  // Databases from before stored gate status (or with projects written outside the app) get it now.
  const { refreshAllGateStatus } = await import("~/modules/lifecycle/gate.server");
  const refreshed = await refreshAllGateStatus(prisma, { onlyUnchecked: true });
  if (refreshed > 0) console.log(`gatepath: computed the gate status of ${refreshed} projects.`);

  // Refresh the query planner's statistics (cheap; the database decides what needs it).
  const { dialectOf } = await import("~/utils/dialect.server");
  await dialectOf(prisma).optimize(prisma);
}

function announce(port: number) {
  const base = `http://localhost:${port}`;
  console.log(`gatepath: serving on ${base}${workers > 1 ? ` (${workers} processes)` : ""}`);
  if (setupToken) {
    console.log(
      `gatepath: this workspace has no administrator yet. Open ${base}/setup and give the setup token ` +
        (env.GATEPATH_SETUP_TOKEN ? "in GATEPATH_SETUP_TOKEN." : `${setupToken} (shown this once; the next start makes a new one).`),
    );
  }
}

if (workers > 1) {
  // The primary serves nothing: it starts the workers, replaces one that dies, and stops them all.
  let stopping = false;
  let listening = 0;
  cluster.on("listening", (_worker, address) => {
    if (++listening === workers) announce(address.port);
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.error(`gatepath: a server process (${worker.process.pid}) ended (${signal ?? `exit ${code}`}); starting another.`);
    cluster.fork();
  });
  for (let i = 0; i < workers; i++) cluster.fork();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      const done = () => Object.keys(cluster.workers ?? {}).length === 0 && void prisma.$disconnect().finally(() => process.exit(0));
      cluster.on("exit", done);
      done();
    });
  }
} else {
  const build = (await import(pathToFileURL(BUILD).href)) as ServerBuild;
  const { createServer, listen } = await import("./app");
  const { DatabaseStore } = await import("./rate-limit-store");
  // npm start never shows development error pages, whatever NODE_ENV says (there is no dev server yet).
  const server = createServer({
    build,
    loginRateLimit: env.LOGIN_RATE_LIMIT,
    apiRateLimit: env.API_RATE_LIMIT,
    // Counted in the database, so every process (and machine) on it counts the same attempts.
    rateLimitStore: (prefix) => new DatabaseStore(prisma, prefix),
    isProduction: env.isProduction,
    publicDir: path.join(ROOT, "public"),
    developmentErrors: false,
    databaseAnswers: () => databaseAnswers(prisma),
  });
  const listener = listen(server, env.PORT).once("listening", () => {
    if (cluster.isPrimary) announce((listener.address() as AddressInfo).port);
  });
  listener.on("error", (error) => fail(`cannot listen on port ${env.PORT}: ${error.message}`));
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      listener.close();
      void prisma.$disconnect().finally(() => process.exit(0));
    });
  }
}

// Gate status that depends on the date is re-judged soon after start and then every few minutes,
// by one process at a time across all of them (a lease in the database): here, the primary.
// The audit chain's head is written down outside the database on a schedule: in the log, and in
// AUDIT_ANCHOR_FILE when it is set (decision 46), by one process at a time.
if (cluster.isPrimary && env.AUDIT_ANCHOR_MINUTES > 0) {
  const { startAnchoring } = await import("~/modules/audit/anchor.server");
  startAnchoring(prisma, { everyMs: env.AUDIT_ANCHOR_MINUTES * 60_000, file: env.AUDIT_ANCHOR_FILE, log: (line) => console.log(line) });
}
// What waits in the outbox (emails, webhook deliveries) is sent by one process at a time across
// all of them (a lease), as are the clock's notices and each person's daily digest (issue 25).
// A notice a request queues is told in a moment by the process that queued it (sent or not).
{
  const { serverSenders, startDelivery, tellSoon } = await import("~/modules/notifications/delivery.server");
  const { whenQueued } = await import("~/modules/notifications/notify.server");
  const log = (line: string) => console.log(line);
  if (cluster.isPrimary && env.DELIVERY_SECONDS > 0) {
    const worker = startDelivery(prisma, { everyMs: env.DELIVERY_SECONDS * 1000, senders: await serverSenders(), log });
    whenQueued(worker.soon);
  } else whenQueued(tellSoon(prisma, log));
}
if (cluster.isPrimary && env.GATE_CLOCK_MINUTES > 0) {
  const { startGateClock } = await import("~/modules/lifecycle/clock.server");
  startGateClock(prisma, { everyMs: env.GATE_CLOCK_MINUTES * 60_000, log: (line) => console.log(line) });
}
