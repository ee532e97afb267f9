// npm run bench:pages [-- --projects 10000 --values 1000000 --duration 20 --fresh --uncached --db sqlite|postgres --workers N --only WORDS]
// Pages: the board, the table, a project page, the dashboard, a metric's 6-12 page, a WBR and a
// 6-pager's page with 200 comment threads (made once, with a reply on every other one), a
// project's History with 5,000 changes (newest, and half-way back); the search page and the palette's answers;
// then a CSV import of 100,000 values through the upload, check and commit steps.
// Seeds a large portfolio (once; --fresh to redo), starts the production server and measures
// pages with autocannon on loopback: p50, p95, requests per second, and each page's p95
// against the floor route that touches no database. Also prints the gzipped JavaScript the
// board, a project page and the dashboard load. Two floors: /healthz touches no database and
// renders nothing; /login, signed out, is the cheapest Remix document (no query, a 4 KB page),
// the framework's own cost of a page.
// --uncached starts the server with READ_CACHE=off, so the cached read models (board, table,
// dashboard, WBR) are computed on every request, as on the first request after a write.
// --db postgres runs on a PostgreSQL database (gatepath_bench_<projects>) of the cluster that
// BENCH_POSTGRES_URL or TEST_POSTGRES_URL names (an administrator's URL), e.g. inside
// `npx tsx tests/setup/postgres-cluster.ts -- npm run bench:pages -- --db postgres`.
// --only board,project measures only the pages whose names hold one of the words (and the floors).
// --cpu-quota C holds each server process to C cores (a cgroup each; cpu-quota.ts), so that 1 and
// 2 processes can be compared on a machine with fewer cores than processes, load and database need.
// --workers N starts the server with WEB_CONCURRENCY=N. Server CPU per request counts every
// server process, and, on PostgreSQL, its backends as well ("DB CPU"), since SQLite's work is
// inside the server's own.
// A benchmark, not a test: it prints numbers and asserts nothing.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { commandLine } from "~/utils/cli.server";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import pg from "pg";
import { databaseUrl as databaseUrlOf, recreateDatabase } from "../setup/postgres";
import { signIn } from "../setup/server";
import { processCpuMs } from "./cpu";
import { limitCpu } from "./cpu-quota";
import { sixPager, spreadQuotes } from "./review-document";

const USAGE = `npm run bench:pages [-- --projects 10000 --values 1000000 --duration 20 --fresh --uncached --db sqlite|postgres --workers N --only WORDS]
Pages: the board, the table, a project page, the dashboard, a metric's 6-12 page, a WBR and a
6-pager's page with 200 comment threads (made once, with a reply on every other one), a
project's History with 5,000 changes (newest, and half-way back); the search page and the palette's answers;
then a CSV import of 100,000 values through the upload, check and commit steps.
Seeds a large portfolio (once; --fresh to redo), starts the production server and measures
pages with autocannon on loopback: p50, p95, requests per second, and each page's p95
against the floor route that touches no database. Also prints the gzipped JavaScript the
board, a project page and the dashboard load. Two floors: /healthz touches no database and
renders nothing; /login, signed out, is the cheapest Remix document (no query, a 4 KB page),
the framework's own cost of a page.
--uncached starts the server with READ_CACHE=off, so the cached read models (board, table,
dashboard, WBR) are computed on every request, as on the first request after a write.
--db postgres runs on a PostgreSQL database (gatepath_bench_<projects>) of the cluster that
BENCH_POSTGRES_URL or TEST_POSTGRES_URL names (an administrator's URL), e.g. inside
\`npx tsx tests/setup/postgres-cluster.ts -- npm run bench:pages -- --db postgres\`.
--only board,project measures only the pages whose names hold one of the words (and the floors).
--cpu-quota C holds each server process to C cores (a cgroup each; cpu-quota.ts), so that 1 and
2 processes can be compared on a machine with fewer cores than processes, load and database need.
--workers N starts the server with WEB_CONCURRENCY=N. Server CPU per request counts every
server process, and, on PostgreSQL, its backends as well ("DB CPU"), since SQLite's work is
inside the server's own.
A benchmark, not a test: it prints numbers and asserts nothing.`;

const REVIEW_COMMENTS = 200;

/**
 * What a project page's forecast of its next gate costs (issue 26, item 6), in this process on
 * the same database: reading and replaying every past decision, once per data version, then the
 * simulation on each request with the visits cached.
 */
async function forecastCost(key: string) {
  const { createPrismaClient } = await import("~/utils/db.server");
  const { pastStageVisits, projectForecast } = await import("~/modules/lifecycle/forecast.server");
  const db = createPrismaClient(databaseUrl);
  try {
    const project = await db.project.findUniqueOrThrow({ where: { key }, select: { id: true, status: true, stage: true, teamId: true, stageEnteredAt: true } });
    const cpu = (since: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(since);
      return (used.user + used.system) / 1000;
    };
    let since = process.cpuUsage();
    const visits = await pastStageVisits(db);
    const first = cpu(since);
    const runs = 200;
    since = process.cpuUsage();
    let forecast;
    for (let i = 0; i < runs; i++) forecast = await projectForecast(db, project);
    console.log(
      `\nForecast of ${key}'s next gate (${forecast?.ok ? `from ${forecast.from} past visits` : (forecast?.reason ?? "closed")}): ${visits.length.toLocaleString("en")} past stage visits replayed in ${first.toFixed(0)} ms of CPU when a gate has been decided since; then ${(cpu(since) / runs).toFixed(2)} ms of CPU per project page`,
    );
  } finally {
    await db.$disconnect();
  }
}

const { values: args } = commandLine(USAGE, {
  options: {
    projects: { type: "string", default: "10000" },
    values: { type: "string", default: "1000000" },
    duration: { type: "string", default: "20" },
    warmup: { type: "string", default: "3" },
    connections: { type: "string", default: "10" },
    port: { type: "string", default: "3200" },
    fresh: { type: "boolean", default: false },
    uncached: { type: "boolean", default: false },
    db: { type: "string", default: "sqlite" },
    workers: { type: "string", default: "1" },
    only: { type: "string" },
    "cpu-quota": { type: "string" },
  },
});
if (args.db !== "sqlite" && args.db !== "postgres") throw new Error("--db is sqlite or postgres");
const cluster = args.db === "postgres" ? (process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL) : undefined;
if (args.db === "postgres" && !cluster) throw new Error("--db postgres needs BENCH_POSTGRES_URL (or TEST_POSTGRES_URL): an administrator's URL of a cluster");

const root = path.resolve(import.meta.dirname, "../..");
const dbFile = path.join(root, "tests", ".tmp", `bench-${args.projects}.db`);
const pgName = `gatepath_bench_${args.projects}`;
const databaseUrl = cluster ? databaseUrlOf(cluster, pgName) : `file:${dbFile}`;
const base = `http://127.0.0.1:${args.port}`;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  SESSION_SECRET: "benchmark-secret-benchmark-secret",
  DATABASE_URL: databaseUrl,
  WEB_CONCURRENCY: args.workers,
  PORT: args.port,
  DEMO_PASSWORD: "bench-password",
  READ_CACHE: args.uncached ? "off" : "on",
  // The gate clock's first pass re-judges all 10,000 projects a second after start: it would land in
  // the first measurements. Pages are measured without it.
  GATE_CLOCK_MINUTES: "0",
};

async function postgresSeeded(): Promise<boolean> {
  const client = new pg.Client({ connectionString: cluster });
  await client.connect();
  try {
    const exists = (await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [pgName])).rowCount === 1;
    if (exists && !args.fresh) return true;
  } finally {
    await client.end();
  }
  await recreateDatabase(cluster!, pgName);
  return false;
}

async function seed() {
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  if (cluster ? await postgresSeeded() : fs.existsSync(dbFile) && !args.fresh) {
    console.log(`Reusing ${cluster ? pgName : path.relative(root, dbFile)} (--fresh to reseed), migrated to the schema of this checkout`);
    const migrated = spawnSync("npm", ["run", "-s", "db:migrate"], { cwd: root, env, stdio: "inherit" });
    if (migrated.status !== 0) throw new Error("migrating the reused database failed");
    return;
  }
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbFile + suffix, { force: true });
  const result = spawnSync("npx", ["tsx", "prisma/seed.ts", "--projects", args.projects, "--values", args.values], { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) throw new Error("seeding failed");
}

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer in ${ms} ms`);
}

async function login(): Promise<string> {
  const cookie = await signIn(base, "admin@example.com", "bench-password");
  if (!cookie) throw new Error("login failed");
  return cookie;
}

type Measured = { name: string; path: string; p50: number; p95: number; rps: number; errors: number; bytes: number; cpuMs: number; dbCpuMs: number };

/** The pids of a process and all its descendants. */
function tree(pid: number): number[] {
  const result = spawnSync("pgrep", ["-P", String(pid)], { encoding: "utf8" });
  return [pid, ...result.stdout.split("\n").filter(Boolean).map(Number).flatMap(tree)];
}
/** CPU of the server: the process, its workers, and (PostgreSQL) every backend of the cluster. */
const serverCpuMs = () => tree(server.pid!).reduce((sum, pid) => sum + processCpuMs(pid), 0);
const databaseCpuMs = () => {
  if (!cluster) return 0;
  const pids = spawnSync("pgrep", ["-x", "postgres"], { encoding: "utf8" }).stdout.split("\n").filter(Boolean).map(Number);
  return pids.reduce((sum, pid) => sum + (processCpuMs(pid) || 0), 0);
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(name: string, urlPath: string, cookie: string | null): Promise<Measured> {
  const run = (duration: number, record: boolean) =>
    new Promise<{ latencies: number[]; result: autocannon.Result }>((resolve, reject) => {
      const latencies: number[] = [];
      const instance = autocannon({ url: base + urlPath, connections: Number(args.connections), duration, headers: cookie ? { cookie } : {} }, (err, result) =>
        err ? reject(err) : resolve({ latencies, result }),
      );
      if (record) instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
    });
  await run(Number(args.warmup), false);
  const [cpuBefore, dbBefore] = [serverCpuMs(), databaseCpuMs()];
  const { latencies, result } = await run(Number(args.duration), true);
  const [cpu, dbCpu] = [serverCpuMs() - cpuBefore, databaseCpuMs() - dbBefore];
  latencies.sort((a, b) => a - b);
  return {
    name,
    path: urlPath,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    rps: result.requests.average,
    errors: result.errors + result.non2xx,
    bytes: result.throughput.average / Math.max(result.requests.average, 1),
    cpuMs: cpu / Math.max(result.requests.total, 1),
    dbCpuMs: dbCpu / Math.max(result.requests.total, 1),
  };
}

/** The JavaScript a page loads before anything lazy: the scripts and module preloads its HTML names. */
async function scriptBytes(cookie: string, page: string) {
  const html = await (await fetch(`${base}${page}`, { headers: { cookie } })).text();
  const srcs = new Set<string>();
  for (const m of html.matchAll(/(?:src|href)="(\/build\/[^"]+\.js)"/g)) srcs.add(m[1]);
  for (const m of html.matchAll(/import\s*(?:[^"']*from\s*)?["'](\/build\/[^"']+\.js)["']/g)) srcs.add(m[1]);
  let raw = 0;
  let gz = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(base + src)).arrayBuffer());
    raw += body.length;
    gz += gzipSync(body).length;
  }
  return { files: srcs.size, raw, gz };
}

const IMPORT_METRICS = 100;
const IMPORT_DAYS = 1000;

/** A project with 100 daily metrics for the CSV import timing, and an output metric for the 6-12 page. */
async function prepareMetrics(projectKey: string) {
  const { createPrismaClient } = await import("~/utils/db.server");
  const db = createPrismaClient(databaseUrl);
  try {
    // An output metric with values, preferably of the project the page benchmark uses.
    const output =
      (await db.metric.findFirst({ where: { project: { key: projectKey }, kind: "output", values: { some: {} } }, select: { id: true } })) ??
      (await db.metric.findFirst({ where: { kind: "output", values: { some: {} } }, select: { id: true } }));
    let target = await db.project.findFirst({ where: { title: "CSV import benchmark" }, select: { id: true, key: true } });
    if (!target) {
      const last = await db.project.findFirst({ orderBy: { number: "desc" }, select: { number: true } });
      const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@example.com" }, select: { id: true } });
      const number = (last?.number ?? 0) + 1;
      target = await db.project.create({
        data: { number, key: `GP-${number}`, title: "CSV import benchmark", proposerId: admin.id },
        select: { id: true, key: true },
      });
    }
    // Its metrics, unless an earlier run made them (one that stopped half-way may have made the project only).
    if ((await db.metric.count({ where: { projectId: target.id } })) < IMPORT_METRICS) {
      await db.metric.deleteMany({ where: { projectId: target.id } });
      await db.metric.createMany({
        data: Array.from({ length: IMPORT_METRICS }, (_, i) => ({
          projectId: target.id,
          name: `Daily ${String(i + 1).padStart(3, "0")}`,
          definition: "benchmark",
          kind: "input" as const,
          unit: "count",
          cadence: "daily" as const,
          direction: "higher" as const,
        })),
      });
    }
    return { metricId: output?.id ?? null, importKey: target.key };
  } finally {
    await db.$disconnect();
  }
}

const HISTORY_CHANGES = 5_000;

/**
 * A project with 5,000 audited changes of its facts, each with its old and new values (issue 26
 * asks that its History page in under 20 ms of server CPU), written through the audit module so
 * the chain holds. Made once. Returns the project's key and the id of an event half-way back.
 */
async function prepareHistory(projectKey: string) {
  const { createPrismaClient } = await import("~/utils/db.server");
  const { writeAuditMany } = await import("~/modules/audit/audit.server");
  const db = createPrismaClient(databaseUrl);
  try {
    const project = await db.project.findUniqueOrThrow({ where: { key: projectKey }, select: { id: true } });
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@example.com" }, select: { id: true } });
    const have = await db.auditEvent.count({ where: { projectId: project.id, action: "project.updated" } });
    for (let i = have; i < HISTORY_CHANGES; i += 500) {
      const batch = Array.from({ length: Math.min(500, HISTORY_CHANGES - i) }, (_, j) => ({
        actorId: admin.id,
        projectId: project.id,
        entity: "project",
        entityId: project.id,
        action: "project.updated",
        data: { changes: [{ field: "whyNow", before: `Peak season, week ${i + j}`, after: `Peak season, week ${i + j + 1}; the carrier API is ready` }] },
      }));
      await db.$transaction((tx) => writeAuditMany(tx, batch));
    }
    const events = await db.auditEvent.findMany({
      where: { projectId: project.id },
      orderBy: { id: "desc" },
      skip: HISTORY_CHANGES / 2,
      take: 1,
      select: { id: true },
    });
    return { key: projectKey, middle: events[0]?.id ?? 0 };
  } finally {
    await db.$disconnect();
  }
}

/**
 * A 6-pager under review on `projectKey` with 200 comment threads on passages spread over it,
 * half of them with a reply (issue 24 asks for its page under 30 ms of server CPU). Made once.
 */
async function prepareReview(projectKey: string) {
  const { createPrismaClient } = await import("~/utils/db.server");
  const { documentText } = await import("~/modules/comments/comments.server");
  const db = createPrismaClient(databaseUrl);
  try {
    const title = "Review benchmark 6-pager";
    const found = await db.artifact.findFirst({ where: { title }, select: { id: true, _count: { select: { comments: true } } } });
    if (found && found._count.comments >= REVIEW_COMMENTS) return found.id;
    if (found) await db.artifact.delete({ where: { id: found.id } });
    const project = await db.project.findUniqueOrThrow({ where: { key: projectKey }, select: { id: true } });
    const [admin, member] = await Promise.all(
      ["admin@example.com", "member@example.com"].map((email) => db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })),
    );
    const body = sixPager();
    const artifact = await db.artifact.create({
      data: {
        projectId: project.id,
        kind: "six_pager",
        stage: "plan",
        title,
        body,
        state: "in_review",
        authorId: member.id,
        reviewerId: admin.id,
        versions: { create: [{ version: 1, title, body, authorId: member.id }] },
      },
      select: { id: true },
    });
    const quotes = spreadQuotes(documentText(artifact.id, 1, body).text, REVIEW_COMMENTS);
    for (const [i, q] of quotes.entries()) {
      const thread = await db.comment.create({
        data: {
          projectId: project.id,
          artifactId: artifact.id,
          authorId: admin.id,
          body: `Comment ${i}: is **this** what the customer sees? See [the data](https://example.com/${i}).`,
          version: 1,
          quote: q.exact,
          prefix: q.prefix,
          suffix: q.suffix,
        },
        select: { id: true },
      });
      if (i % 2 === 0)
        await db.comment.create({
          data: { projectId: project.id, artifactId: artifact.id, threadId: thread.id, authorId: member.id, body: "Yes: from last week's sample." },
        });
    }
    return artifact.id;
  } finally {
    await db.$disconnect();
  }
}

/** Uploads 100,000 values (check and preview), then commits them; prints each step's time. */
async function timeImport(cookie: string, key: string) {
  const lines = ["metric,period,value"];
  const start = Date.UTC(2023, 0, 2);
  for (let m = 1; m <= IMPORT_METRICS; m++) {
    for (let d = 0; d < IMPORT_DAYS; d++)
      lines.push(`Daily ${String(m).padStart(3, "0")},${new Date(start + d * 86_400_000).toISOString().slice(0, 10)},${(m * d) % 997}`);
  }
  const csv = lines.join("\n");
  const route = encodeURIComponent("routes/projects+/$key_.metrics_.import");
  const url = `${base}/projects/${key}/metrics/import?_data=${route}`;
  const form = new FormData();
  form.set("intent", "check");
  form.set("file", new Blob([csv], { type: "text/csv" }), "bench.csv");
  const t0 = performance.now();
  const checked = await fetch(url, { method: "POST", body: form, headers: { cookie } });
  const preview = (await checked.json()) as { preview?: { importId: string; total: number }; formErrors?: string[] };
  if (!preview.preview) throw new Error(`import check failed: ${checked.status} ${JSON.stringify(preview).slice(0, 300)}`);
  const t1 = performance.now();
  const committed = await fetch(url, {
    method: "POST",
    body: new URLSearchParams({ intent: "commit", importId: preview.preview.importId }),
    headers: { cookie },
    redirect: "manual",
  });
  if (committed.status >= 400) throw new Error(`import commit failed: ${committed.status}`);
  const t2 = performance.now();
  return { values: preview.preview.total, bytes: csv.length, check: t1 - t0, commit: t2 - t1 };
}

await seed();
const projectKeyForMetrics = `GP-${Math.floor(Number(args.projects) / 2)}`;
const prepared = await prepareMetrics(projectKeyForMetrics);
const reviewId = await prepareReview(projectKeyForMetrics);
const history = await prepareHistory(`GP-${Math.floor(Number(args.projects) / 2) + 1}`);
// Node itself is the child, so its CPU time can be read from /proc.
const server = spawn(process.execPath, ["--import", "tsx", "app/server/start.ts"], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"], detached: true });
const serverExited = new Promise((resolve) => server.once("exit", resolve));
let releaseCpu: (() => void) | null = null;
try {
  await waitFor(`${base}/readyz`, 240_000);
  if (args["cpu-quota"]) releaseCpu = limitCpu(tree(server.pid!), Number(args["cpu-quota"]));
  const cookie = await login();
  const projectKey = `GP-${Math.floor(Number(args.projects) / 2)}`;
  const targets: [string, string, boolean?][] = [
    ["floor (/healthz)", "/healthz"],
    ["Remix floor (/login)", "/login", false],
    ["board", "/board"],
    ["table: sorted, filtered", "/projects?stage=plan&status=active&sort=days&dir=desc&page=3"],
    ["project page", `/projects/${projectKey}`],
    ["dashboard", "/dashboard"],
    ...(prepared.metricId ? ([["metric 6-12 page", `/metrics/${prepared.metricId}`]] as [string, string][]) : []),
    ["WBR (fulfilment, page 1)", "/teams/fulfilment/wbr"],
    [`artifact, ${REVIEW_COMMENTS} comments`, `/artifacts/${reviewId}`],
    [`history, ${HISTORY_CHANGES.toLocaleString("en")} changes, newest`, `/projects/${history.key}/history`],
    [`history, ${HISTORY_CHANGES.toLocaleString("en")} changes, half-way back`, `/projects/${history.key}/history?before=${history.middle}`],
    // The search page and the palette as one types (issue 27, item 3): a key, and words no title holds (every row read).
    ["search page, no match", "/search?q=quayside+crane"],
    ["palette: a key", `/palette?q=${projectKey}`],
    ["palette: words, no match", "/palette?q=quayside+crane"],
  ];
  // --only board,project: those pages and the two floors, without the import and bundle sections.
  const only = args.only?.split(",").map((w) => w.trim().toLowerCase());
  const chosen = only ? targets.filter(([name], i) => i < 2 || only.some((w) => name.toLowerCase().includes(w))) : targets;
  const results: Measured[] = [];
  for (const [name, p, signedIn = true] of chosen) {
    const r = await measure(name, p, signedIn ? cookie : null);
    results.push(r);
    console.log(`measured ${name}`);
  }
  const floor = results[0].p95;
  console.log(
    `\n${args.projects} projects on ${args.db}, ${args.workers} server process(es), ${args.connections} connections, ${args.duration} s each after ${args.warmup} s warm-up, read cache ${env.READ_CACHE}${args["cpu-quota"] ? `, each server process held to ${args["cpu-quota"]} cores` : ""}\n`,
  );
  console.log("page                       p50 ms  p95 ms   req/s  p95/floor  CPU ms/req  DB CPU ms/req  errors  bytes/req");
  for (const r of results) {
    console.log(
      `${r.name.padEnd(26)} ${r.p50.toFixed(1).padStart(6)}  ${r.p95.toFixed(1).padStart(6)}  ${r.rps.toFixed(0).padStart(6)}  ${(r.p95 / floor).toFixed(1).padStart(8)}x  ${r.cpuMs.toFixed(2).padStart(10)}  ${r.dbCpuMs.toFixed(2).padStart(13)}  ${String(r.errors).padStart(6)}  ${r.bytes.toFixed(0).padStart(9)}`,
    );
  }
  if (!only || only.some((w) => "project forecast".includes(w))) await forecastCost(projectKey);
  if (!only) {
    const imported = await timeImport(cookie, prepared.importKey);
    console.log(
      `\nCSV import of ${imported.values.toLocaleString("en")} values (${(imported.bytes / 1024 / 1024).toFixed(1)} MB): upload and check ${(imported.check / 1000).toFixed(2)} s, commit ${(imported.commit / 1000).toFixed(2)} s, total ${((imported.check + imported.commit) / 1000).toFixed(2)} s`,
    );
    console.log("");
    for (const [name, page] of [
      ["the board", "/board"],
      ["a project page", `/projects/${projectKey}`],
      ["the dashboard", "/dashboard"],
      ["an artifact page", `/artifacts/${reviewId}`],
    ]) {
      const js = await scriptBytes(cookie, page!);
      console.log(`JavaScript ${name} loads: ${js.files} files, ${(js.raw / 1024).toFixed(1)} KiB, ${(js.gz / 1024).toFixed(1)} KiB gzipped`);
    }
  }
} finally {
  if (server.pid) process.kill(-server.pid, "SIGTERM");
  if (releaseCpu) {
    await serverExited;
    // The workers leave their groups a moment after the primary exits.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    releaseCpu();
  }
}
