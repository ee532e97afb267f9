// npm run bench:inbox [-- --projects 10000 --values 1000000 --runs 50]
// What "My work" costs: the navigation's count runs on every page (root loader; cached per
// person until the next write, so both its computed and its cached cost are printed), the list on
// /inbox. Seeds the same large portfolio as bench:pages (once; reused), then times both for the
// person who owns or decides the most projects and for the demo administrator, in this process:
// mean and p95 wall time, and CPU per call. A benchmark, not a test: it prints numbers.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { commandLine } from "~/utils/cli.server";

const USAGE = `npm run bench:inbox [-- --projects 10000 --values 1000000 --runs 50]
What "My work" costs: the navigation's count runs on every page (root loader; cached per
person until the next write, so both its computed and its cached cost are printed), the list on
/inbox. Seeds the same large portfolio as bench:pages (once; reused), then times both for the
person who owns or decides the most projects and for the demo administrator, in this process:
mean and p95 wall time, and CPU per call. A benchmark, not a test: it prints numbers.`;

const { values: args } = commandLine(USAGE, {
  options: {
    projects: { type: "string", default: "10000" },
    values: { type: "string", default: "1000000" },
    runs: { type: "string", default: "50" },
  },
});
const root = path.resolve(import.meta.dirname, "../..");
const dbFile = path.join(root, "tests", ".tmp", `bench-${args.projects}.db`);
process.env.DATABASE_URL = `file:${dbFile}`;

if (!fs.existsSync(dbFile)) {
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  const seeded = spawnSync("npx", ["tsx", "prisma/seed.ts", "--projects", args.projects, "--values", args.values], {
    cwd: root,
    env: { ...process.env, DEMO_PASSWORD: "bench-password" },
    stdio: "inherit",
  });
  if (seeded.status !== 0) throw new Error("seeding failed");
} else console.log(`Reusing ${path.relative(root, dbFile)}`);

const { prisma } = await import("~/utils/db.server");
const { countNow, inboxCount, inboxFor } = await import("~/modules/inbox/inbox.server");

async function time(label: string, run: () => Promise<unknown>) {
  await run();
  const walls: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < Number(args.runs); i++) {
    const started = performance.now();
    await run();
    walls.push(performance.now() - started);
  }
  const cpu = process.cpuUsage(cpuBefore);
  walls.sort((a, b) => a - b);
  const mean = walls.reduce((s, w) => s + w, 0) / walls.length;
  const p95 = walls[Math.floor(walls.length * 0.95)]!;
  console.log(`${label}: mean ${mean.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, CPU ${((cpu.user + cpu.system) / 1000 / walls.length).toFixed(1)} ms per call`);
}

const [busiest] = await prisma.$queryRaw<{ userId: string; n: bigint }[]>`
  SELECT r."userId", COUNT(*) AS n FROM "ProjectRole" r WHERE r."role" IN ('owner', 'decider') GROUP BY r."userId" ORDER BY n DESC LIMIT 1`;
const people = [
  await prisma.user.findUniqueOrThrow({ where: { id: busiest!.userId }, select: { id: true, name: true } }),
  await prisma.user.findUniqueOrThrow({ where: { email: "member@example.com" }, select: { id: true, name: true } }),
];
console.log(`${args.projects} projects; ${people[0]!.name} owns or decides ${busiest!.n} of them`);
for (const person of people) {
  const counted = await inboxCount(prisma, person);
  await time(`${person.name}: the navigation's count (${counted}), computed`, () => countNow(prisma, person));
  await time(`${person.name}: the navigation's count, from the cache (every page until the next write)`, () => inboxCount(prisma, person));
  await time(`${person.name}: the /inbox list`, () => inboxFor(prisma, person));
}
await prisma.$disconnect();
