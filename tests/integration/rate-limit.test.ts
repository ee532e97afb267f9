// The rate limits sit in front of Remix, so the server is built here around a stand-in build
// whose every request fails: what matters is which requests the limiter lets through.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createServer } from "~/server/app";
import { DatabaseStore } from "~/server/rate-limit-store";
import { deviceCookie } from "~/utils/device-cookie.server";
import { getEnv } from "~/utils/env.server";
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

describe("the login limit cannot be turned against a person (issue 23)", () => {
  async function serveWithLimit(limit: number) {
    const app = createServer({ build: {} as ServerBuild, loginRateLimit: limit, isProduction: false, publicDir });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const port = (server.address() as AddressInfo).port;
    /** A sign-in attempt from its own loopback address (127.0.0.`from`), so the per-address limit never decides. */
    const attempt = async (from: number, email: string, options: { cookie?: string; multipart?: boolean } = {}) => {
      const form = options.multipart ? new FormData() : new URLSearchParams();
      form.append("email", email);
      form.append("password", "wrong");
      const encoded = new Response(form);
      const body = Buffer.from(await encoded.arrayBuffer());
      const headers: Record<string, string> = { "content-type": encoded.headers.get("content-type")!, "content-length": String(body.length) };
      if (options.cookie) headers.cookie = options.cookie;
      return new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/login", localAddress: `127.0.0.${from}`, headers }, (res) => {
          let text = "";
          res.on("data", (d) => (text += d));
          res.on("end", () => resolve({ status: res.statusCode!, text }));
        });
        req.on("error", reject);
        req.end(body);
      });
    };
    return { attempt, close: () => server.close() };
  }

  it("counts a multipart sign-in under the account it names, not under one key shared by every multipart attempt", async () => {
    const { attempt, close } = await serveWithLimit(2);
    try {
      // Ten made-up accounts, multipart, from ten addresses: none is over any limit ...
      for (let i = 0; i < 10; i++) expect((await attempt(10 + i, `made-up-${i}@example.com`, { multipart: true })).status).not.toBe(429);
      // ... and the real account still has its own count, the same in either encoding.
      expect((await attempt(30, "real@example.com", { multipart: true })).status).not.toBe(429);
      expect((await attempt(31, " Real@Example.com", { multipart: true })).status).not.toBe(429);
      const refused = await attempt(32, "real@example.com");
      expect(refused.status).toBe(429);
      expect(refused.text).toBe("Too many login attempts for this account. Wait a minute and try again.");
    } finally {
      close();
    }
  });

  it("does not hold back a browser that signed in to the account before, while unknown clients are held back", async () => {
    const { attempt, close } = await serveWithLimit(2);
    const secret = getEnv().SESSION_SECRET;
    const known = deviceCookie("victim@example.com", secret, false).split(";")[0]!;
    const forOther = deviceCookie("someone@example.com", secret, false).split(";")[0]!;
    try {
      // The attacker, from rotating addresses, uses up the account's limit ...
      expect((await attempt(40, "victim@example.com")).status).not.toBe(429);
      expect((await attempt(41, "victim@example.com")).status).not.toBe(429);
      expect((await attempt(42, "victim@example.com")).status).toBe(429);
      // ... so an unknown client, one holding another account's device cookie, or a forged one, is refused,
      expect((await attempt(43, "victim@example.com", { cookie: forOther })).status).toBe(429);
      expect((await attempt(44, "victim@example.com", { cookie: `${known}x` })).status).toBe(429);
      // but the person's own browser gets through, in either encoding, within a limit of its own.
      expect((await attempt(45, "victim@example.com", { cookie: known })).status).not.toBe(429);
      expect((await attempt(46, "Victim@example.com", { cookie: known, multipart: true })).status).not.toBe(429);
      const ownLimit = await attempt(47, "victim@example.com", { cookie: known });
      expect(ownLimit.status).toBe(429);
    } finally {
      close();
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
