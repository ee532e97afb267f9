// Several server processes on one database (issue 14, item 4), on SQLite or, when the run has a
// cluster (TEST_POSTGRES_URL), on PostgreSQL: two separate servers, as two machines would run
// them, see each other's writes at once through their read caches and count login attempts
// together; WEB_CONCURRENCY=2 runs two worker processes behind one port and replaces one that
// dies; the gate clock's lease lets one process judge a round and the others skip it.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLOCK_LEASE, startGateClock, type RejudgeRun } from "~/modules/lifecycle/clock.server";
import { requestReview } from "~/modules/lifecycle/gate.server";
import { DELIVERY_LEASE } from "~/modules/notifications/delivery.server";
import { createPrismaClient } from "~/utils/db.server";
import { takeLease } from "~/utils/lease.server";
import { createProject, createUser, withTestDb } from "../factories";
import { startMailbox, type Mailbox } from "../setup/smtp";
import { removeDb, signIn, startServer, tempDbFile, type RunningServer } from "../setup/server";
import { onPostgres } from "../setup/test-db";

const PASSWORD = "processes-demo-password";
const t = withTestDb();
const servers: RunningServer[] = [];
// The servers' database: the test's PostgreSQL database, or a SQLite file of their own that the
// first one migrates (a test database file has no migration history for Prisma to read).
const sqliteFile = tempDbFile();

async function start(env: Record<string, string> = {}): Promise<RunningServer> {
  const started = await startServer({ dbFile: sqliteFile, databaseUrl: onPostgres ? t.env.url : undefined, env: { DEMO_PASSWORD: PASSWORD, ...env } });
  if (!started.ok) throw new Error(started.output);
  servers.push(started.server);
  return started.server;
}

const children = (pid: number) =>
  execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .map(Number);

/** The pids of the server's worker processes (the children that are node, not the build). */
function workers(server: RunningServer): number[] {
  try {
    return children(server.child.pid!);
  } catch {
    return [];
  }
}

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  removeDb(sqliteFile);
});

describe("two server processes on one database", () => {
  let a: RunningServer;
  let b: RunningServer;
  let mailbox: Mailbox;
  beforeAll(async () => {
    // Both send email through the test's SMTP server, their delivery workers looking every second.
    mailbox = await startMailbox();
    // The first seeds the demo; the second finds it there. Like two machines, they share the session secret.
    const env = { LOGIN_RATE_LIMIT: "4", SESSION_SECRET: "processes-test-session-secret-0123456789", SMTP_URL: mailbox.url, DELIVERY_SECONDS: "1" };
    a = await start(env);
    b = await start(env);
  }, 240_000);

  it("a project created through one is on the other's board and dashboard at once", async () => {
    // Signed in through A, the session (a row) is good on B too. (One of the address's four login attempts.)
    const cookie = await signIn(a.base, "member@example.com", PASSWORD);
    expect(cookie).not.toBeNull();
    const [cookieA, cookieB] = [cookie, cookie];
    const title = `Seen everywhere ${Date.now()}`;
    // A card's title, not the search field that repeats the query.
    const board = async () =>
      (await (await fetch(`${b.base}/board?q=${encodeURIComponent(title)}`, { headers: { cookie: cookieB! } })).text()).includes(`>${title}</`);
    // The dashboard's count of open projects at the first stage.
    const identified = async () => {
      const html = await (await fetch(`${b.base}/dashboard`, { headers: { cookie: cookieB! } })).text();
      const count = /<tr data-stage="identify">\s*<th[^>]*>[^<]*<\/th>\s*<td[^>]*>(\d+)<\/td>/.exec(html)?.[1];
      if (count === undefined) throw new Error("no count of identified projects on the dashboard");
      return Number(count);
    };
    // B reads (and caches) both pages first.
    expect(await board()).toBe(false);
    const before = await identified();
    const created = await fetch(`${a.base}/projects/new`, {
      method: "POST",
      headers: { cookie: cookieA!, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "create_project", title, customer: "Other servers", problem: "They cache", whyNow: "Two processes" }),
      redirect: "manual",
    });
    expect(created.status).toBe(302);
    expect(await board()).toBe(true);
    expect(await identified()).toBe(before + 1);
  });

  it("counts login attempts across both: past the four a minute allowed, either refuses", async () => {
    const email = "viewer@example.com";
    const attempt = (server: RunningServer) =>
      fetch(`${server.base}/login`, { method: "POST", body: new URLSearchParams({ email, password: "wrong password here" }), redirect: "manual" });
    // The sign-in above was the address's first attempt; these are its second to fourth, then two more.
    const statuses = [];
    for (const server of [b, a, b, a, b]) statuses.push((await attempt(server)).status);
    expect(statuses).toEqual([400, 400, 400, 429, 429]);
  });

  it("a review request reaches the decider's mailbox once, though the process sending email is killed", async () => {
    const db = onPostgres ? t.db : createPrismaClient(`file:${sqliteFile}`);
    const owner = await db.user.findUniqueOrThrow({ where: { email: "member@example.com" } });
    // A review asked of a decider, in the database both share: its notice waits in the outbox.
    const ask = async (name: string) => {
      const decider = await createUser(db, { name });
      const project = await createProject(db, { owner, roles: [{ user: decider, role: "decider" }] });
      expect(await requestReview(db, { projectId: project.id, actor: { id: owner.id, role: "member" }, confirmed: true })).toMatchObject({ ok: true });
      return { decider, project, mails: () => mailbox.messages.filter((m) => JSON.stringify(m.to).includes(decider.email)) };
    };
    // The first is sent by whichever process takes the delivery lease, once.
    const first = await ask("First Decider");
    await expect.poll(() => first.mails().length, { timeout: 30_000, interval: 250 }).toBe(1);
    const holder = (await db.lease.findUniqueOrThrow({ where: { name: DELIVERY_LEASE } })).holder;
    const [sender, other] = holder.split(":")[1] === String(a.child.pid) ? [a, b] : [b, a];
    // The sender dies without a word, still holding the lease; a second review is asked.
    await sender.stop("SIGKILL");
    const second = await ask("Second Decider");
    // The survivor tells it, takes the lease once the dead one's runs out, and sends it.
    await expect.poll(() => second.mails().length, { timeout: 30_000, interval: 250 }).toBe(1);
    expect(second.mails()[0]!.subject).toContain(`${second.project.key} ${second.project.title}`);
    // Several passes later, each was still sent once.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect([first.mails().length, second.mails().length]).toEqual([1, 1]);
    expect((await db.lease.findUniqueOrThrow({ where: { name: DELIVERY_LEASE } })).holder.split(":")[1]).toBe(String(other.child.pid));
    if (!onPostgres) await db.$disconnect();
    await mailbox.close();
  }, 90_000);
});

describe("WEB_CONCURRENCY", () => {
  it("runs two worker processes behind one port, and replaces one that dies", async () => {
    const server = await start({ WEB_CONCURRENCY: "2" });
    expect(server.output()).toMatch(/serving on http:\/\/localhost:\d+ \(2 processes\)/);
    const first = workers(server);
    expect(first).toHaveLength(2);
    const answers = await Promise.all(Array.from({ length: 8 }, () => fetch(`${server.base}/login`).then((r) => r.status)));
    expect(answers.every((s) => s === 200)).toBe(true);
    process.kill(first[0]!, "SIGKILL");
    await expect.poll(() => workers(server).filter((pid) => !first.includes(pid)).length, { timeout: 30_000 }).toBe(1);
    await expect.poll(async () => (await fetch(`${server.base}/login`)).status, { timeout: 30_000 }).toBe(200);
    expect(workers(server)).toHaveLength(2);
  }, 120_000);
});

describe("the gate clock's lease", () => {
  it("of many processes racing for a free lease exactly one gets it; it renews; another gets it once it has expired", async () => {
    const now = Date.UTC(2026, 11, 2, 12);
    const clients = [t.db, t.env.client(), t.env.client(), t.env.client()];
    const won = await Promise.all(Array.from({ length: 8 }, (_, i) => takeLease(clients[i % clients.length]!, "race", `holder-${i}`, 60_000, now)));
    expect(won.filter(Boolean)).toHaveLength(1);
    const winner = `holder-${won.indexOf(true)}`;
    expect(await takeLease(t.db, "race", winner, 60_000, now + 30_000)).toBe(true);
    expect(await takeLease(t.db, "race", "late", 60_000, now + 60_000)).toBe(false);
    expect(await takeLease(t.db, "race", "late", 60_000, now + 90_001)).toBe(true);
  });

  it("a process runs the clock's pass only while it holds the lease", async () => {
    const runs: string[] = [];
    const clock = (holder: string) => startGateClock(t.db, { everyMs: 50, firstMs: 0, holder, onPass: (_run: RejudgeRun) => runs.push(holder) });
    // Another process holds the lease for a minute: this one's ticks judge nothing.
    expect(await takeLease(t.db, CLOCK_LEASE, "elsewhere", 60_000)).toBe(true);
    const stopMine = clock("mine");
    await new Promise((resolve) => setTimeout(resolve, 400));
    stopMine();
    expect(runs).toEqual([]);
    // The holder itself judges.
    const stopElsewhere = clock("elsewhere");
    await expect.poll(() => runs.length, { timeout: 10_000 }).toBeGreaterThan(0);
    stopElsewhere();
    expect(new Set(runs)).toEqual(new Set(["elsewhere"]));
  });
});
