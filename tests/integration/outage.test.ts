// An outage is a 503, said once (issue 23, item 10). On PostgreSQL the real server reaches its
// database through a TCP proxy in this process, which the test cuts for a few seconds: pages,
// data requests and the API then answer 503 with Retry-After, the log says so in one line when
// it starts and one when it ends, and nothing else (no stack per request). Everywhere, a
// stand-in build whose loader meets an unreachable database shows the same answers, and a 404
// logs one line.
import fs from "node:fs";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { handleError } from "~/entry.server";
import { createServer } from "~/server/app";
import { standInBuild } from "../setup/stand-in-build";
import { createPrismaClient } from "~/utils/db.server";
import { createApiToken } from "../factories";
import { createPostgresDatabase, testPostgresUrl } from "../setup/postgres";
import { signIn, startServer } from "../setup/server";

const publicDir = fs.mkdtempSync(path.join(os.tmpdir(), "gatepath-public-"));
afterAll(() => fs.rmSync(publicDir, { recursive: true, force: true }));

const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

describe("a stand-in whose database is unreachable", () => {
  it("answers pages, data requests and the API 503 with Retry-After, logs the outage once and its end once, and a 404 in one line", async () => {
    let down = true;
    const loader = () => {
      if (down) throw new Error("Invalid `prisma.user.findMany()` invocation", { cause: refused() });
      return new Response("ok");
    };
    const route = (id: string, routePath: string) => ({ id, parentId: "root", path: routePath, module: { default: () => null, loader } });
    const build = standInBuild({
      publicDir,
      entry: { default: (_request: Request, status: number) => new Response("document", { status }), handleError },
      routes: { "routes/page": route("routes/page", "page"), "routes/api": { ...route("routes/api", "api/v1/thing"), module: { loader } } },
    });
    const lines: string[] = [];
    const errors = vi.spyOn(console, "error").mockImplementation((...args) => void lines.push(args.map(String).join(" ")));
    const logs = vi.spyOn(console, "log").mockImplementation((...args) => void lines.push(args.map(String).join(" ")));
    const app = createServer({ build, loginRateLimit: 10, isProduction: false, publicDir, databaseAnswers: () => Promise.resolve(!down) });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (let i = 0; i < 5; i++) {
        const page = await fetch(`${base}/page`);
        expect(page.status).toBe(503);
        expect(page.headers.get("retry-after")).toBe("5");
        expect(await page.text()).toContain("Gatepath is unavailable");
        const data = await fetch(`${base}/page?_data=routes/page`);
        expect(data.status).toBe(503);
        expect(await data.json()).toEqual({ error: expect.stringContaining("cannot reach its database"), errors: [] });
        const api = await fetch(`${base}/api/v1/thing`);
        expect(api.status).toBe(503);
        expect(await api.json()).toEqual({ error: expect.stringContaining("cannot reach its database"), errors: [] });
      }
      expect(lines).toEqual(["gatepath: the database is unreachable (ECONNREFUSED); answering 503 until it is back."]);
      down = false;
      await vi.waitFor(() => expect(lines).toHaveLength(2), { timeout: 5_000 });
      expect(lines[1]).toMatch(/^gatepath: the database answers again; it was unreachable \(ECONNREFUSED\) for \d+\.\d s\.$/);
      expect((await fetch(`${base}/page?_data=routes/page`)).status).toBe(200);

      const missing = await fetch(`${base}/no-such-page`);
      expect(missing.status).toBe(404);
      expect(lines.slice(2)).toEqual(["gatepath: 404 GET /no-such-page"]);
    } finally {
      server.close();
      errors.mockRestore();
      logs.mockRestore();
    }
  });
});

/** A TCP proxy to `target` that can be cut (every connection ended, new ones refused) and restored on the same port. */
async function cuttableProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {});
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    cut: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
    restore: () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve)),
  };
}

const cluster = testPostgresUrl();

describe.skipIf(!cluster)("the real server when PostgreSQL goes away for a few seconds", () => {
  it("answers 503 with Retry-After while it is gone, logs the outage in two lines, and serves again after", async () => {
    const database = await createPostgresDatabase(cluster!);
    const real = new URL(database.url);
    const proxy = await cuttableProxy({ host: real.hostname, port: Number(real.port) });
    const proxied = new URL(database.url);
    proxied.port = String(proxy.port);
    const started = await startServer({ dbFile: "outage", databaseUrl: proxied.toString(), env: { DEMO_PASSWORD: "outage-test-Vq8#zL2m" } });
    if (!started.ok) throw new Error(`the server did not start:\n${started.output}`);
    const server = started.server;
    const direct = createPrismaClient(database.url, { poolSize: 1 });
    try {
      const cookie = (await signIn(server.base, "admin@example.com", "outage-test-Vq8#zL2m"))!;
      expect(cookie).toBeTruthy();
      const admin = await direct.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
      const token = (await createApiToken(direct, admin.id, { name: "outage" })).secret;
      const before = server.output().length;

      await proxy.cut();
      const answers: { what: string; status: number; retryAfter: string | null; body: string }[] = [];
      const until = Date.now() + 3_000;
      while (Date.now() < until) {
        for (const [what, request] of [
          ["board", () => fetch(`${server.base}/board`, { headers: { cookie } })],
          ["project data", () => fetch(`${server.base}/projects/GP-1?_data=routes/projects%2B/%24key`, { headers: { cookie } })],
          [
            "api",
            () =>
              fetch(`${server.base}/api/v1/values`, {
                method: "POST",
                headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
                body: JSON.stringify({ values: [] }),
              }),
          ],
        ] as const) {
          const response = await request();
          answers.push({ what, status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.text() });
        }
      }
      await proxy.restore();
      await vi.waitFor(async () => expect((await fetch(`${server.base}/board`, { headers: { cookie } })).status).toBe(200), { timeout: 15_000, interval: 250 });
      await vi.waitFor(() => expect(server.output().slice(before)).toMatch(/answers again/), { timeout: 5_000 });

      const tally = answers.reduce<Record<string, number>>((t, a) => ({ ...t, [`${a.what} ${a.status}`]: (t[`${a.what} ${a.status}`] ?? 0) + 1 }), {});
      expect(answers.length, JSON.stringify(tally)).toBeGreaterThan(9);
      expect(answers.filter((a) => a.status !== 503 || a.retryAfter !== "5").slice(0, 5), JSON.stringify(tally)).toEqual([]);
      for (const a of answers.filter((x) => x.what !== "board")) expect(JSON.parse(a.body)).toMatchObject({ errors: [] });
      const log = server.output().slice(before);
      expect(log.match(/the database is unreachable/g)).toHaveLength(1);
      expect(log.match(/the database answers again; it was unreachable \(.+\) for \d+\.\d s\./g)).toHaveLength(1);
      // Nothing else per request: no stack, no error line. Each pooled connection the outage
      // closed says so once (at most the pool's ten), whatever the number of requests.
      const lines = log.split("\n").filter((line) => line.trim() && !/^gatepath: the database (is unreachable|answers again)/.test(line));
      const closed = lines.filter((line) => line.startsWith("gatepath: an idle PostgreSQL connection closed"));
      expect(closed.length).toBeLessThanOrEqual(10);
      expect(lines.filter((line) => !closed.includes(line))).toEqual([]);
      console.log(`outage: ${answers.length} requests in 3 s of outage, all 503; the log said:\n${log.trim()}`);
    } finally {
      await direct.$disconnect();
      await server.stop();
      await proxy.restore().catch(() => {});
      await database.drop();
    }
  }, 180_000);
});
