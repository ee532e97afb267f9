// npm run bench:notify [-- --people 1000 --runs 20]
// What telling 1,000 people costs the request that tells them (issue 25): a gate decision on a
// project 1,000 people watch, against the same decision on a project nobody watches; then what
// the delivery worker spends telling them (a notification each, and an email each in the outbox
// when they want decisions at once). All in this process, on a fresh SQLite database: CPU per
// decision is the number to read
// (steadier than wall time on a shared machine). A benchmark, not a test: it prints numbers.
import { commandLine } from "~/utils/cli.server";

const USAGE = `npm run bench:notify [-- --people 1000 --runs 20]
What telling 1,000 people costs the request that tells them (issue 25): a gate decision on a
project 1,000 people watch, against the same decision on a project nobody watches; then what
the delivery worker spends telling them (a notification each, and an email each in the outbox
when they want decisions at once). All in this process, on a fresh SQLite database: CPU per
decision is the number to read
(steadier than wall time on a shared machine). A benchmark, not a test: it prints numbers.`;

const { values: args } = commandLine(USAGE, { options: { people: { type: "string", default: "1000" }, runs: { type: "string", default: "20" } } });
delete process.env.TEST_POSTGRES_URL;
const PEOPLE = Number(args.people);
const RUNS = Number(args.runs);
process.env.SMTP_URL = "smtp://127.0.0.1:9";

const { createTestDb } = await import("../setup/test-db");
const { ensureDefaultPlaybook } = await import("~/modules/lifecycle/playbook.server");
const { applyDecision } = await import("~/modules/lifecycle/gate.server");
const { tellQueued } = await import("~/modules/notifications/notify.server");
const { createReadyProject, createUser } = await import("../factories/records");

const env = await createTestDb();
const db = env.db;
await ensureDefaultPlaybook(db);
const owner = await createUser(db, { name: "Owner" });
const decider = await createUser(db, { name: "Decider" });
const watchers: string[] = [];
for (let i = 0; i < PEOPLE; i += 500) {
  const batch = Array.from({ length: Math.min(500, PEOPLE - i) }, (_, j) => ({
    email: `watcher${i + j}@bench.test`,
    name: `Watcher ${i + j}`,
    passwordHash: "x",
  }));
  await db.user.createMany({ data: batch });
}
watchers.push(...(await db.user.findMany({ where: { email: { endsWith: "@bench.test" } }, select: { id: true } })).map((w) => w.id));

function readyProject() {
  return createReadyProject(db, { owner, deciders: [decider] });
}

async function decisions(watched: boolean) {
  const projects = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const p = await readyProject();
    if (watched) await db.projectWatch.createMany({ data: watchers.map((userId) => ({ userId, projectId: p.id })) });
    projects.push(p);
  }
  const walls: number[] = [];
  let cpu = 0;
  let workerCpu = 0;
  for (const [i, p] of projects.entries()) {
    const before = process.cpuUsage();
    const started = performance.now();
    const result = await applyDecision(db, { projectId: p.id, expectedVersion: 1, actor: decider, request: { kind: "go", rationale: "Facts in" } });
    const wall = performance.now() - started;
    const used = process.cpuUsage(before);
    if (!result.ok) throw new Error(result.message);
    // What the worker does next, measured apart.
    const workerBefore = process.cpuUsage();
    await tellQueued(db);
    const worker = process.cpuUsage(workerBefore);
    // The first two warm up.
    if (i < 2) continue;
    walls.push(wall);
    cpu += (used.user + used.system) / 1000;
    workerCpu += (worker.user + worker.system) / 1000;
  }
  walls.sort((a, b) => a - b);
  const n = walls.length;
  return { mean: walls.reduce((s, w) => s + w, 0) / n, p95: walls[Math.floor(n * 0.95)]!, cpu: cpu / n, worker: workerCpu / n };
}

const line = (label: string, r: Awaited<ReturnType<typeof decisions>>) =>
  console.log(
    `${label.padEnd(50)} request: mean ${r.mean.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, CPU ${r.cpu.toFixed(1)} ms; worker CPU ${r.worker.toFixed(1)} ms`,
  );
// A round to warm the JIT and the database's caches, not counted.
await decisions(false);
const quiet = await decisions(false);
// By default a decision goes in the watchers' daily digest: a notification each, no email yet.
const digest = await decisions(true);
// Everyone wanting decisions by email at once: a notification and an outbox message each.
await db.notificationSetting.createMany({ data: watchers.map((userId) => ({ userId, kind: "decision", mode: "now" })) });
const now = await decisions(true);
console.log(`SQLite, ${RUNS} decisions each (after 2 to warm up)`);
line("a decision nobody watches:", quiet);
line(`${PEOPLE} watch it, decisions in their digest:`, digest);
line(`${PEOPLE} watch it, decisions emailed at once:`, now);
console.log(
  `telling ${PEOPLE} people adds ${(digest.cpu - quiet.cpu).toFixed(1)} ms of CPU to the request (digest), ${(now.cpu - quiet.cpu).toFixed(1)} ms with an email each queued`,
);
console.log(`(${await db.notification.count()} notifications and ${await db.outboxMessage.count()} outbox messages written in all)`);
await env.cleanup();
