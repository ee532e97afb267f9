// The rate limits sit in front of Remix, so the server is built here around a stand-in build
// whose every request fails: what matters is which requests the limiter lets through.
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createServer } from "~/server/app";
import { DatabaseStore } from "~/server/rate-limit-store";
import { createTestDb } from "../setup/test-db";

let base = "";
let close = () => {};
const publicDir = fs.mkdtempSync(path.join(os.tmpdir(), "gatepath-public-"));

beforeAll(async () => {
  const app = createServer({ build: {} as ServerBuild, loginRateLimit: 3, apiRateLimit: 2, isProduction: false, publicDir });
  const server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});

// Requests that pass the limiters reach the stand-in build and fail there (the server's error
// handler logs each); only which requests the limiters let through matters here.
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation(() => {});
});

afterAll(() => {
  close();
  fs.rmSync(publicDir, { recursive: true, force: true });
});

const login = () => fetch(`${base}/login`, { method: "POST", body: new URLSearchParams({ email: "a@b.c", password: "x" }) });

describe("rate limits", () => {
  it("lets three login attempts a minute through from one address, then answers 429 with when to retry", async () => {
    for (let i = 0; i < 3; i++) expect((await login()).status).not.toBe(429);
    const refused = await login();
    expect(refused.status).toBe(429);
    expect(await refused.text()).toBe("Too many login attempts from this address. Wait a minute and try again.");
    expect(refused.headers.get("ratelimit-policy")).toBe("3;w=60");
    // Signing in is limited, reading the login page is not.
    expect((await fetch(`${base}/login`)).status).not.toBe(429);
  });

  it("counts API requests per token: one token's limit does not stop another", async () => {
    const call = (token: string) => fetch(`${base}/api/v1/values`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: "{}" });
    for (let i = 0; i < 2; i++) expect((await call("token-a")).status).not.toBe(429);
    const refused = await call("token-a");
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ error: "Too many requests for this token; wait a minute and try again." });
    expect((await call("token-b")).status).not.toBe(429);
  });
});

describe("the login limit per account", () => {
  it("counts attempts on one account from every address, and not other accounts' attempts", async () => {
    const app = createServer({ build: {} as ServerBuild, loginRateLimit: 2, isProduction: false, publicDir });
    const server = app.listen(0, "::");
    await new Promise((resolve) => server.once("listening", resolve));
    const port = (server.address() as AddressInfo).port;
    // Two source addresses on this machine: IPv4 and IPv6 loopback.
    const attempt = (host: string, email: string) =>
      fetch(`http://${host}:${port}/login`, { method: "POST", body: new URLSearchParams({ email, password: "wrong" }) });
    try {
      expect((await attempt("127.0.0.1", "Target@Example.com")).status).not.toBe(429);
      expect((await attempt("[::1]", " target@example.com")).status).not.toBe(429);
      const refused = await attempt("[::1]", "target@example.com");
      expect(refused.status).toBe(429);
      expect(await refused.text()).toBe("Too many login attempts for this account. Wait a minute and try again.");
      // The same address may still try another account (its own limit of two is not reached).
      expect((await attempt("127.0.0.1", "someone-else@example.com")).status).not.toBe(429);
    } finally {
      server.close();
    }
  });
});

describe("limits counted in the database", () => {
  it("two servers on one database count the same login attempts and API calls; a window that ended starts again", async () => {
    const t = await createTestDb();
    const servers = [t.client(), t.client()].map((db) =>
      createServer({
        build: {} as ServerBuild,
        loginRateLimit: 3,
        apiRateLimit: 2,
        isProduction: false,
        publicDir,
        rateLimitStore: (prefix) => new DatabaseStore(db, prefix),
      }).listen(0, "127.0.0.1"),
    );
    await Promise.all(servers.map((s) => new Promise((resolve) => s.once("listening", resolve))));
    const bases = servers.map((s) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`);
    const attempt = (i: number) =>
      fetch(`${bases[i % 2]}/login`, { method: "POST", body: new URLSearchParams({ email: "shared@example.com", password: "x" }) });
    try {
      // Alternating between the two: three attempts in all get through, the fourth is refused by either.
      for (let i = 0; i < 3; i++) expect((await attempt(i)).status).not.toBe(429);
      expect((await attempt(3)).status).toBe(429);
      expect((await attempt(4)).status).toBe(429);
      const call = (i: number) => fetch(`${bases[i % 2]}/api/v1/values`, { method: "POST", headers: { authorization: "Bearer shared-token" }, body: "{}" });
      for (let i = 0; i < 2; i++) expect((await call(i)).status).not.toBe(429);
      expect((await call(2)).status).toBe(429);

      // Once the window has ended, the count starts again at one.
      await t.db.$executeRaw`UPDATE "RateLimit" SET "resetAt" = ${BigInt(Date.now() - 1)}`;
      expect((await attempt(5)).status).not.toBe(429);
      const rows = await t.db.$queryRaw<{ key: string; hits: number }[]>`SELECT "key", "hits" FROM "RateLimit" WHERE "key" LIKE 'login-address:%'`;
      expect(rows.map((r) => Number(r.hits))).toEqual([1]);
    } finally {
      for (const s of servers) s.close();
      await t.cleanup();
    }
  });
});
