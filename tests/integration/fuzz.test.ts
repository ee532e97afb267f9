// Drives every action and API endpoint of the real server with generated bad input (issue 10):
// no answer may be a 5xx, and a refused request (4xx) may change nothing but the audit trail's
// record of a refused attempt. The routes are read from the Remix build, so a new route is
// fuzzed without editing this file; each page's own form fields and intents (read from the
// page as an administrator sees it) seed the generator so requests reach past the first check.
//
// FUZZ_RUNS (default 10,000) sets the number of requests, FUZZ_SEED replays a run.
import { createApiToken } from "../factories";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyRuleFor } from "~/server/request-guard";
import { createPrismaClient } from "~/utils/db.server";
import { removeDb, signIn, startServer, tempDbFile, type RunningServer } from "../setup/server";
import { watchWrites } from "../setup/write-watch";

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const RAW_RUNS = Number(process.env.FUZZ_RAW_RUNS ?? 2_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const PASSWORD = "fuzz-demo-password";
const ROOT = path.resolve(import.meta.dirname, "../..");

type Target = { route: string; path: string; api: boolean; fields: string[]; intents: string[] };

let server: RunningServer;
let dbFile: string;
let sqlite: Database.Database;
const cookies: Record<"admin" | "member", string> = { admin: "", member: "" };
let apiToken = "";
const targets: Target[] = [];

/** Every route module with an action, its path pattern joined from its parents'. */
async function actionRoutes(): Promise<{ id: string; pattern: string; index: boolean }[]> {
  const build = (await import(pathToFileURL(path.join(ROOT, "build", "index.js")).href)) as {
    routes: Record<string, { id: string; parentId?: string; path?: string; index?: boolean; module: { action?: unknown } }>;
  };
  const full = (id: string): string => {
    const r = build.routes[id]!;
    const own = r.path ?? "";
    return r.parentId ? [full(r.parentId), own].filter(Boolean).join("/") : own;
  };
  return Object.values(build.routes)
    .filter((r) => typeof r.module.action === "function")
    .map((r) => ({ id: r.id, pattern: `/${full(r.id)}`, index: Boolean(r.index) }));
}

/** The form fields and intents a page offers, as HTML names them. */
function formVocabulary(html: string) {
  const fields = new Set<string>();
  const intents = new Set<string>();
  for (const tag of html.matchAll(/<(?:input|select|textarea|button)\b[^>]*>/g)) {
    const name = /\bname="([^"]+)"/.exec(tag[0])?.[1];
    if (!name) continue;
    fields.add(name);
    const value = /\bvalue="([^"]*)"/.exec(tag[0])?.[1];
    if (name === "intent" && value) intents.add(value);
  }
  return { fields: [...fields], intents: [...intents] };
}

beforeAll(async () => {
  dbFile = tempDbFile();
  const started = await startServer({ dbFile, env: { DEMO_PASSWORD: PASSWORD } });
  if (!started.ok) throw new Error(`the server did not start:\n${started.output}`);
  server = started.server;
  cookies.admin = (await signIn(server.base, "admin@example.com", PASSWORD))!;
  cookies.member = (await signIn(server.base, "member@example.com", PASSWORD))!;
  expect(cookies.admin && cookies.member).toBeTruthy();

  sqlite = new Database(dbFile);
  const ids = (sql: string) => (sqlite.prepare(sql).all() as { id: string }[]).map((r) => r.id);
  const artifacts = ids(`SELECT "id" FROM "Artifact" ORDER BY "id" LIMIT 3`);
  const metrics = ids(`SELECT "id" FROM "Metric" ORDER BY "id" LIMIT 3`);
  const admin = sqlite.prepare(`SELECT "id" FROM "User" WHERE "email" = 'admin@example.com'`).get() as { id: string };
  const prisma = createPrismaClient(`file:${dbFile}`);
  apiToken = (await createApiToken(prisma, admin.id, { name: "fuzz" })).secret;
  await prisma.$disconnect();

  const params: Record<string, (prefix: string) => string[]> = {
    key: () => ["GP-1", "GP-2", "GP-30", "GP-999999", "nonsense"],
    id: (prefix) => (prefix.startsWith("/artifacts") ? [...artifacts, "missing"] : [...metrics, "missing"]),
    stage: () => ["identify", "plan", "adopt", "nope"],
    slug: () => ["nope"],
  };
  for (const route of await actionRoutes()) {
    // Each parameter takes a few real values and a few that name nothing.
    let paths = [route.pattern];
    for (const match of route.pattern.matchAll(/:(\w+)/g)) {
      const prefix = route.pattern.slice(0, match.index);
      const values = params[match[1]!]?.(prefix) ?? ["x"];
      paths = paths.flatMap((p) => values.map((v) => p.replace(`:${match[1]}`, encodeURIComponent(v))));
    }
    for (const p of paths) {
      const url = route.index ? `${p}?index` : p;
      const page = await fetch(`${server.base}${p}`, { headers: { cookie: cookies.admin } });
      const vocabulary = page.ok ? formVocabulary(await page.text()) : { fields: [], intents: [] };
      targets.push({ route: route.id, path: url, api: p.startsWith("/api/"), ...vocabulary });
    }
  }
}, 180_000);

afterAll(async () => {
  sqlite?.close();
  await server?.stop();
  if (dbFile) removeDb(dbFile);
});

// ---- generated input ------------------------------------------------------------------------

const PROTOTYPE_NAMES = ["__proto__", "constructor", "prototype", "__defineGetter__", "toString", "hasOwnProperty", "valueOf"];

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "0",
    "-1",
    "1e309",
    "NaN",
    "null",
    "true",
    "[]",
    "{}",
    "2026-02-31",
    "2026-11-30",
    "9999-12-31",
    "GP-1",
    "go",
    "stop",
    "plan",
    "admin",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
  ),
  fc.constantFrom(...PROTOTYPE_NAMES),
  fc.integer().map(String),
  fc.double().map(String),
  fc.nat({ max: 120_000 }).map((n) => "x".repeat(n)),
);

const fieldName = (known: string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: known.length ? fc.constantFrom(...known) : fc.constant("title") },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES, "a.__proto__.b", "x[constructor]") },
  );

type Body =
  | { kind: "urlencoded" | "multipart"; fields: [string, string][]; file?: { name: string; content: string } }
  | { kind: "json"; value: unknown }
  | { kind: "raw"; contentType: string | null; text: string };

function bodyFor(target: Target): fc.Arbitrary<Body> {
  const intent = fc.oneof(target.intents.length ? fc.constantFrom(...target.intents) : fc.constant("x"), nasty);
  const pairs = fc
    .tuple(fc.option(intent, { nil: undefined, freq: 4 }), fc.array(fc.tuple(fieldName(target.fields), nasty), { maxLength: 8 }))
    .map(([i, rest]) => (i === undefined ? rest : ([["intent", i], ...rest] as [string, string][])));
  const file = fc.record({
    name: fc.oneof(fc.constantFrom("values.csv", "a=b;c.csv", 'q"uote.csv', "über;=.yaml", ""), fc.string({ maxLength: 20 })),
    content: fc.oneof(
      fc.string(),
      fc.constantFrom("metric,period,value\nx,2026-01-05,1\n", "a: &a [*a, *a]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c]"),
    ),
  });
  const json = fc.oneof(
    fc.jsonValue(),
    fc.record({
      values: fc.array(fc.record({ metricId: nasty, periodStart: nasty, value: fc.oneof(fc.double(), nasty) }, { requiredKeys: [] }), { maxLength: 5 }),
    }),
    fc.record({ periodStart: nasty, value: fc.oneof(fc.double(), nasty) }),
    fc.constant({ ["__proto__"]: { admin: true } }),
    fc.constant(JSON.parse('{"periodStart":"2026-11-16","value":1,"note":"\\ud800"}')),
  );
  const raw = fc.record({
    contentType: fc.constantFrom(
      null,
      "text/plain",
      "multipart/form-data",
      "multipart/form-data; boundary=XYZ",
      "application/json",
      "application/x-www-form-urlencoded",
      "application/xml",
    ),
    text: fc.oneof(
      fc.string(),
      fc.constantFrom('--XYZ\r\nContent-Disposition: form-data; name="intent"\r\n\r\ndecide', '{"intent":"decide"', "intent=%E0%A4%A&x=%", "%00=%00"),
    ),
  });
  if (target.api) {
    return fc.oneof(
      { weight: 6, arbitrary: json.map((value) => ({ kind: "json" as const, value })) },
      { weight: 1, arbitrary: raw.map((r) => ({ kind: "raw" as const, ...r })) },
    );
  }
  return fc.oneof(
    { weight: 6, arbitrary: pairs.map((fields) => ({ kind: "urlencoded" as const, fields })) },
    { weight: 2, arbitrary: fc.tuple(pairs, fc.option(file)).map(([fields, f]) => ({ kind: "multipart" as const, fields, file: f ?? undefined })) },
    { weight: 1, arbitrary: json.map((value) => ({ kind: "json" as const, value })) },
    { weight: 1, arbitrary: raw.map((r) => ({ kind: "raw" as const, ...r })) },
  );
}

function encode(body: Body): { headers: Record<string, string>; payload: BodyInit } {
  switch (body.kind) {
    case "urlencoded":
      return { headers: { "content-type": "application/x-www-form-urlencoded" }, payload: new URLSearchParams(body.fields).toString() };
    case "multipart": {
      const form = new FormData();
      for (const [k, v] of body.fields) form.append(k, v);
      if (body.file) form.append("file", new Blob([body.file.content], { type: "text/csv" }), body.file.name);
      return { headers: {}, payload: form };
    }
    case "json":
      return { headers: { "content-type": "application/json" }, payload: JSON.stringify(body.value) };
    case "raw":
      return { headers: body.contentType ? { "content-type": body.contentType } : {}, payload: body.text };
  }
}

type Outcome = { target: string; actor: string; body: string; status: number; problem: string };

describe("fuzzing every action and API endpoint", () => {
  it("answers a field sent twice, as a list, with the form and its errors (found by a generated run: the editor rendered a list as text)", async () => {
    const artifact = sqlite.prepare(`SELECT "id" FROM "Artifact" WHERE "url" IS NULL AND "state" != 'withdrawn' ORDER BY "id" LIMIT 1`).get() as { id: string };
    const form = new URLSearchParams([
      ["title", "T"],
      ["body", "one"],
      ["body", "two"],
      ["version", "1"],
      ["mode", "document"],
    ]);
    for (const path of [`/artifacts/${artifact.id}/edit`, "/projects/GP-1/artifacts/new?kind=prfaq&stage=identify&mode=document"]) {
      const response = await fetch(`${server.base}${path}`, { method: "POST", headers: { cookie: cookies.admin }, body: form, redirect: "manual" });
      expect(response.status, path).toBe(400);
      expect(await response.text(), path).toContain("A title has at least 3 characters");
    }
  });

  it(`answers ${RUNS} generated bad requests without a 5xx, and refused ones change nothing (seed ${SEED})`, async () => {
    const failures: Outcome[] = [];
    const statuses = new Map<number, number>();
    // Writes to any table but the rate limits' counters (which count every login and API attempt by design).
    const writes = watchWrites(sqlite);
    const lastEvent = () => (sqlite.prepare(`SELECT coalesce(max("id"), 0) AS id FROM "AuditEvent"`).get() as { id: number }).id;
    const requestArb = fc
      .constantFrom(...targets)
      .chain((target) =>
        fc.record({ target: fc.constant(target), actor: fc.constantFrom("admin", "admin", "admin", "member", "anonymous"), body: bodyFor(target) }),
      );
    const samples = fc.sample(requestArb, { numRuns: RUNS, seed: SEED });
    for (const { target, actor, body } of samples) {
      const { headers, payload } = encode(body);
      // Signing out ends the session it is sent with: it gets a session of its own.
      const cookie =
        actor === "anonymous"
          ? undefined
          : target.path === "/logout"
            ? ((await signIn(server.base, "member@example.com", PASSWORD)) ?? undefined)
            : cookies[actor as "admin" | "member"];
      if (cookie) headers.cookie = cookie;
      if (target.api && actor !== "anonymous") headers.authorization = `Bearer ${apiToken}`;
      const beforeWrites = writes();
      const beforeEvent = lastEvent();
      // Encoded up front, so the size the server sees is known.
      const encoded = new Response(payload);
      const bytes = new Uint8Array(await encoded.arrayBuffer());
      if (!headers["content-type"] && encoded.headers.get("content-type")?.startsWith("multipart/"))
        headers["content-type"] = encoded.headers.get("content-type")!;
      let response: Response;
      try {
        response = await fetch(`${server.base}${target.path}`, { method: "POST", headers, body: bytes, redirect: "manual" });
      } catch (error) {
        // Over its route's limit, a body is answered 413 and the connection closed while the
        // client may still be writing: a reset is then the expected answer, and nothing is written.
        const overLimit = bytes.length > bodyRuleFor(new URL(target.path, server.base).pathname).limit;
        if (!overLimit)
          failures.push({ target: target.path, actor, body: JSON.stringify(body).slice(0, 300), status: 0, problem: String((error as Error).cause ?? error) });
        else if (writes() !== beforeWrites)
          failures.push({ target: target.path, actor, body: "(over the limit)", status: 413, problem: "an oversized request wrote" });
        statuses.set(413, (statuses.get(413) ?? 0) + 1);
        continue;
      }
      const text = await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const describeBody = JSON.stringify(body).slice(0, 300);
      if (response.status >= 500) {
        failures.push({ target: target.path, actor, body: describeBody, status: response.status, problem: text.slice(0, 300) });
      } else if (response.status >= 400 && writes() !== beforeWrites) {
        // The only write a refusal may make is the trail's record of a refused attempt.
        const written = sqlite.prepare(`SELECT "action" FROM "AuditEvent" WHERE "id" > ?`).all(beforeEvent) as { action: string }[];
        if (written.length === 0 || written.some((e) => !e.action.endsWith(".refused"))) {
          failures.push({
            target: target.path,
            actor,
            body: describeBody,
            status: response.status,
            problem: `a refused request wrote: ${written.map((e) => e.action).join(", ") || "rows outside the audit trail"}`,
          });
        }
      }
    }
    // What the run covered, for the closing note and for anyone replaying a seed.
    console.log(
      `fuzz: ${samples.length} requests over ${targets.length} targets (${new Set(targets.map((t) => t.route)).size} routes), seed ${SEED}; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
    const distinct = [...new Map(failures.map((f) => [`${f.target} ${f.status} ${f.problem.slice(0, 80)}`, f])).values()];
    const serverErrors = server
      .output()
      .split("\n")
      .filter((l) => /Error|at /.test(l))
      .slice(0, 30)
      .join("\n");
    expect(distinct.slice(0, 15), `FUZZ_SEED=${SEED} reproduces this run; the server said:\n${serverErrors}`).toEqual([]);
    // Deliberately after: the server must still be healthy.
    expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
    expect(fs.existsSync(dbFile)).toBe(true);
  }, 900_000);

  // Request lines, paths and headers that fetch would never send (issue 23): malformed
  // percent-encoding, absolute-form and asterisk targets, hosts no URL can hold, odd lengths and
  // bodies that arrive in pieces (within a bound), each on a raw connection.
  it(`answers ${RAW_RUNS} generated request lines, paths and headers without a 5xx (seed ${SEED})`, async () => {
    const { port } = new URL(server.base);
    const paths = [...new Set(targets.map((t) => t.path)), "/", "/board", "/projects", "/projects/GP-1", "/login", "/healthz", "/api/v1/values", "/build/x.js"];
    const piece = fc.constantFrom(
      "%ff",
      "%",
      "%e",
      "%ed%a0%80",
      "%c0%af",
      "%00",
      "%2e%2e",
      "..",
      "//",
      "%2f",
      "\\",
      "?",
      "#",
      "?a=%ff",
      "?redirectTo=/..//evil",
      "é",
      "x",
      ";",
      "@",
    );
    const target = fc.oneof(
      { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...paths), fc.array(piece, { maxLength: 4 })).map(([p, extra]) => p + extra.join("")) },
      { weight: 1, arbitrary: fc.constantFrom("*", "http://x/login", "https://evil.example/board", "//evil.example/x", "login", "", "/%") },
      { weight: 1, arbitrary: fc.webPath() },
      { weight: 1, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 30 }).map((t) => `/${t}`) },
    );
    const host = fc.oneof(
      { weight: 8, arbitrary: fc.constant(`127.0.0.1:${port}`) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "evil.example:99999",
          "[:::",
          "a@b",
          "",
          " ",
          "localhost:-1",
          "[::1]:0",
          "x y",
          "é.example",
          "localhost:65536",
          "localhost:",
        ),
      },
      { weight: 1, arbitrary: fc.domain() },
      { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
    );
    const headerLine = fc.constantFrom(
      "Content-Length: -1",
      "Content-Length: 1e3",
      "Content-Length: 99999999999999999999",
      "Transfer-Encoding: chunked",
      "Transfer-Encoding: gzip",
      "Content-Type: multipart/form-data; boundary=",
      "Content-Type: application/json",
      "Origin: null",
      "Referer: https://evil.example/",
      "Referer: %%%",
      "Cookie: __gatepath=%ff",
      "Accept: application/json",
      "Authorization: Bearer %ff",
      "X-Forwarded-Host: evil.example",
    );
    const request = fc.record({
      method: fc.constantFrom("GET", "GET", "POST", "POST", "HEAD", "PUT", "OPTIONS", "TRACE", "BREW", "get"),
      target,
      host: fc.option(host, { nil: undefined, freq: 10 }),
      headers: fc.array(headerLine, { maxLength: 3 }),
      body: fc.option(fc.string({ maxLength: 80 }), { nil: undefined }),
      // A body that comes in a few pieces, each a little late: slow, but within the test's bound.
      pieces: fc.integer({ min: 1, max: 3 }),
      actor: fc.constantFrom("admin", "anonymous"),
    });
    const send = (text: string[], gapMs: number) =>
      new Promise<string>((resolve) => {
        const socket = net.connect(Number(port), "127.0.0.1");
        let answer = "";
        const timer = setTimeout(() => socket.destroy(), 15_000);
        socket.on("data", (d) => (answer += d.toString("latin1")));
        socket.on("close", () => {
          clearTimeout(timer);
          resolve(answer);
        });
        socket.on("error", () => {});
        text.forEach((chunk, i) => setTimeout(() => !socket.destroyed && socket.write(chunk, "latin1"), i * gapMs));
      });
    const failures: { request: string; answer: string }[] = [];
    const statuses = new Map<number, number>();
    for (const r of fc.sample(request, { numRuns: RAW_RUNS, seed: SEED })) {
      const lines = [`${r.method} ${r.target} HTTP/1.1`];
      if (r.host !== undefined) lines.push(`Host: ${r.host}`);
      lines.push(...r.headers, "Connection: close");
      if (r.actor === "admin") lines.push(`Cookie: ${cookies.admin}`);
      const body = r.body ?? "";
      if (body && !r.headers.some((h) => /^(content-length|transfer-encoding)/i.test(h))) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
      const head = `${lines.join("\r\n")}\r\n\r\n`;
      const step = Math.ceil(body.length / r.pieces) || 1;
      const chunks = [head, ...Array.from({ length: r.pieces }, (_, i) => body.slice(i * step, (i + 1) * step)).filter(Boolean)];
      const answer = await send(chunks, 50);
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500) failures.push({ request: head.slice(0, 300), answer: answer.slice(0, 300) });
      // No answer (status 0) only where the request itself is unfinished: a chunked body whose last
      // chunk never comes. The server waits for it up to its 30 s request timeout (then 408,
      // server-errors.test.ts); this client gives up after 15 s.
      if (status === 0 && !r.headers.includes("Transfer-Encoding: chunked")) failures.push({ request: head.slice(0, 300), answer: "(no answer)" });
    }
    console.log(`fuzz (raw): ${RAW_RUNS} requests, seed ${SEED}; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
    expect(failures.slice(0, 10), `FUZZ_SEED=${SEED} reproduces this run`).toEqual([]);
    expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
  }, 900_000);
});
