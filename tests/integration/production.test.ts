// Safe by default (issue 15), checked against the real start script: no account anyone could
// guess on a fresh deploy, the quick start's printed password as the only way in, bounded
// bodies, origin checks, private pages never cached, and three requests that used to crash.
import { createApiToken } from "../factories";
import { spawnSync } from "node:child_process";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/utils/db.server";
import { removeDb, signIn, startServer, tempDbFile, type RunningServer } from "../setup/server";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PRODUCTION = { NODE_ENV: "production", SESSION_SECRET: "a-production-secret-of-32-characters" };
const userCount = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM "User"`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe("a fresh production deploy", () => {
  const files: string[] = [];
  afterAll(() => files.forEach(removeDb));

  it("starts an empty workspace whose first visit is the setup page, set up once with the token it printed (issue 12)", async () => {
    const dbFile = tempDbFile();
    files.push(dbFile);
    const started = await startServer({ dbFile, env: PRODUCTION });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const { server } = started;
    try {
      let token: string | undefined;
      for (let i = 0; i < 50 && !token; i++) {
        token = /setup token (\S+) \(shown this once/.exec(server.output())?.[1];
        if (!token) await new Promise((r) => setTimeout(r, 100));
      }
      expect(token).toMatch(/^[\w-]{32}$/);
      expect(server.output()).not.toMatch(/seeded the demo/);
      expect(userCount(dbFile)).toBe(0);

      const location = async (path: string) => (await fetch(`${server.base}${path}`, { redirect: "manual" })).headers.get("location");
      expect(await location("/board")).toMatch(/^\/login/);
      expect(await location("/login")).toBe("/setup");
      expect(await (await fetch(`${server.base}/setup`)).text()).toContain("Set up Gatepath");

      const setUp = (fields: Record<string, string>) =>
        fetch(`${server.base}/setup`, {
          method: "POST",
          redirect: "manual",
          body: new URLSearchParams({
            token: token!,
            organisation: "Northwind Logistics",
            name: "Olu Owner",
            email: "olu@northwind.test",
            password: "pallet-ramp-quietly-42",
            ...fields,
          }),
        });
      const forged = await setUp({ token: "not-the-printed-token" });
      expect(forged.status).toBe(400);
      expect(await forged.text()).toContain("That is not the setup token this server printed at its last start.");
      const weak = await setUp({ password: "password1234" });
      expect(weak.status).toBe(400);
      expect(userCount(dbFile)).toBe(0);

      const done = await setUp({});
      expect(done.status).toBe(302);
      expect(done.headers.get("location")).toBe("/board");
      expect(done.headers.get("set-cookie")).toMatch(/__gatepath=/);
      expect(userCount(dbFile)).toBe(1);
      expect(await signIn(server.base, "olu@northwind.test", "pallet-ramp-quietly-42")).toBeTruthy();

      // Set up once: the page is gone and the same token, replayed, changes nothing.
      expect(await location("/setup")).toBe("/login");
      expect((await setUp({ email: "second@northwind.test" })).status).toBe(302);
      expect(userCount(dbFile)).toBe(1);
    } finally {
      await server.stop();
    }
  });

  it("refuses a demo password that fails the password policy, even when the demo is asked for", async () => {
    const dbFile = tempDbFile();
    files.push(dbFile);
    const started = await startServer({ dbFile, env: { ...PRODUCTION, GATEPATH_DEMO: "on", DEMO_PASSWORD: "x" } });
    expect(started.ok).toBe(false);
    expect(started.ok ? "" : started.output).toMatch(/DEMO_PASSWORD does not pass the password policy: Use at least 12 characters/);
    expect(userCount(dbFile)).toBe(0);
  });

  it("starts once admin:create made the first administrator, who signs in with the printed password", async () => {
    const dbFile = tempDbFile();
    files.push(dbFile);
    const created = spawnSync(
      path.join(ROOT, "node_modules", ".bin", "tsx"),
      ["app/server/create-admin.ts", "--email", "Owner@Example.com", "--name", "Olu Owner"],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: `file:${dbFile}`, ADMIN_PASSWORD: "" },
        encoding: "utf8",
      },
    );
    expect(created.status).toBe(0);
    const password = /their password \(shown this once\): (\S+)/.exec(created.stdout)?.[1];
    expect(password).toMatch(/^[\w-]{20}$/);
    const started = await startServer({ dbFile, env: PRODUCTION });
    if (!started.ok) throw new Error(started.output);
    try {
      expect(await signIn(started.server.base, "owner@example.com", password!)).toMatch(/^__gatepath=/);
      expect(await signIn(started.server.base, "admin@example.com", "gatepath-demo")).toBeNull();
      expect(userCount(dbFile)).toBe(1);
    } finally {
      await started.server.stop();
    }
  });
});

describe("the quick start", () => {
  let server: RunningServer;
  let password: string;
  let cookie: string;
  let apiToken: string;

  beforeAll(async () => {
    const started = await startServer({ dbFile: tempDbFile() });
    if (!started.ok) throw new Error(started.output);
    server = started.server;
    password = /with the password (\S+) \(shown this once/.exec(server.output())?.[1] ?? "";
    cookie = (await signIn(server.base, "admin@example.com", password)) ?? "";
    const prisma = createPrismaClient(`file:${server.dbFile}`);
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
    apiToken = (await createApiToken(prisma, admin.id, { name: "test" })).secret;
    await prisma.$disconnect();
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (server) removeDb(server.dbFile);
  });

  it("prints a random password once; only it signs in, the one the README used to publish does not", async () => {
    expect(password).toMatch(/^[\w-]{20}$/);
    expect(cookie).toMatch(/^__gatepath=/);
    expect(await signIn(server.base, "admin@example.com", "gatepath-demo")).toBeNull();
    expect(await signIn(server.base, "member@example.com", password)).toMatch(/^__gatepath=/);
  });

  /** Sends headers, then body chunks (none when maxChunks is 0) until the server answers. */
  function postUntilAnswered(pathname: string, headers: Record<string, string>, chunk: Buffer, maxChunks: number) {
    const url = new URL(pathname, server.base);
    return new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers }, (res) => {
        answered = true;
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, body, sent });
          req.destroy();
        });
      });
      req.on("error", (error) => (answered ? undefined : reject(error)));
      req.flushHeaders();
      const pump = () => {
        if (answered || sent >= maxChunks) return;
        sent += 1;
        req.write(chunk, () => setImmediate(pump));
      };
      pump();
    });
  }

  it("refuses a body over its route's limit with a 413, sent with a Content-Length or chunked", async () => {
    const chunk = Buffer.alloc(16 * 1024, "x");
    const form = { "content-type": "application/x-www-form-urlencoded" };
    // A declared length over the limit is refused from the headers alone: not a byte of it is needed.
    const declared = await postUntilAnswered("/login", { ...form, "content-length": String(30 * 1024 * 1024) }, chunk, 0);
    expect(declared).toEqual({ status: 413, body: "The request is too large: a form may be at most 64 KB.", sent: 0 });
    // Chunked, the server counts what it reads and answers once the limit is passed.
    const chunked = await postUntilAnswered("/login", { ...form, "transfer-encoding": "chunked" }, chunk, 2000);
    expect(chunked.status).toBe(413);
    expect(chunked.body).toBe("The request is too large: a form may be at most 64 KB.");
    const api = await postUntilAnswered(
      "/api/v1/values",
      { "content-type": "application/json", authorization: `Bearer ${apiToken}`, "transfer-encoding": "chunked" },
      Buffer.alloc(256 * 1024, " "),
      2000,
    );
    expect(api.status).toBe(413);
    expect(JSON.parse(api.body)).toEqual({ error: "The request is too large: the metric values API may be at most 5 MB.", errors: [] });
    // And it still answers afterwards.
    expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
  });

  it("refuses a cross-site or wrong-origin form post with a 403 that says why, and lets a same-origin one through", async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${server.base}/projects/new`, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded", ...headers },
        body: "intent=create_project&title=Origin+check",
        redirect: "manual",
      });
    const host = new URL(server.base).host;
    const wrongScheme = await post({ origin: `https://${host}` });
    expect(wrongScheme.status).toBe(403);
    expect(await wrongScheme.text()).toBe(`Cross-site request refused: it came from https://${host}, not http://${host}.`);
    expect((await post({ origin: `http://${host.replace(/:\d+$/, ":1")}` })).status).toBe(403);
    expect((await post({ origin: "https://evil.example" })).status).toBe(403);
    expect((await post({ "sec-fetch-site": "cross-site" })).status).toBe(403);
    const same = await post({ origin: `http://${host}` });
    expect(same.status).toBe(302);
  });

  it("marks signed-in pages and API answers no-store, and keeps the long cache of fingerprinted assets", async () => {
    for (const page of ["/board", "/projects/GP-1", "/dashboard"]) {
      const response = await fetch(`${server.base}${page}`, { headers: { cookie } });
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
    const api = await fetch(`${server.base}/api/v1/values`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${apiToken}` },
      body: "{}",
    });
    expect(api.headers.get("cache-control")).toBe("no-store");
    const html = await (await fetch(`${server.base}/board`, { headers: { cookie } })).text();
    const asset = /"(\/build\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const cached = await fetch(`${server.base}${asset}`);
    expect(cached.status).toBe(200);
    expect(cached.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("reads a CSV upload whose file name holds = and ; (it used to crash the multipart parser)", async () => {
    const form = new FormData();
    form.append("intent", "check");
    form.append("file", new Blob(["metric,period,value\nNo such metric,2026-11-16,1\n"], { type: "text/csv" }), "values=2026;final.csv");
    const response = await fetch(`${server.base}/projects/GP-1/metrics/import`, { method: "POST", headers: { cookie }, body: form });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Nothing was imported");
  });

  it("refuses a lone UTF-16 surrogate in an API body with a 400 naming where it is", async () => {
    const response = await fetch(`${server.base}/api/v1/values`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${apiToken}` },
      body: '{"values":[{"metricId":"m1","periodStart":"2026-11-16\\ud800","value":1}]}',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string };
    expect(body.error).toBe("The body is refused: values[0].periodStart is not valid Unicode (a lone surrogate).");
    expect(JSON.stringify(body)).not.toMatch(/prisma|\/work\//i);
  });

  it("sends a person to the board when redirectTo holds a newline, after one session is made", async () => {
    const db = new Database(server.dbFile, { readonly: true });
    const sessions = () => (db.prepare(`SELECT count(*) AS n FROM "Session"`).get() as { n: number }).n;
    const before = sessions();
    const response = await fetch(`${server.base}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "viewer@example.com", password, redirectTo: "/board\r\nSet-Cookie: x=1" }),
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/board");
    expect(sessions()).toBe(before + 1);
    db.close();
  });
});
