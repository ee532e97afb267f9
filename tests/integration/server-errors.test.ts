// Whatever NODE_ENV says, a response from `npm start`'s server carries no stack trace, file path
// or source line (issue 15): Remix runs in production mode unless the development server asks
// otherwise, and anything that escapes Remix is a bare 500. A stand-in build whose loader
// throws shows the difference, so the test would catch the development pages coming back.
import fs from "node:fs";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createServer, listen, TIMEOUTS } from "~/server/app";
import { standInBuild } from "../setup/stand-in-build";

const publicDir = fs.mkdtempSync(path.join(os.tmpdir(), "gatepath-public-"));
const SECRET = "boom at /work/main/app/routes/secret.tsx:12:7";

const build = standInBuild({
  publicDir,
  // The stand-in entry ignores the status: the tests here read the error responses Remix itself makes.
  entry: { default: () => new Response("document") },
  routes: {
    "routes/boom": {
      id: "routes/boom",
      parentId: "root",
      path: "boom",
      module: {
        default: () => null,
        loader: () => {
          throw new Error(SECRET);
        },
      },
    },
  },
});

const servers: { close: () => void }[] = [];
async function serve(developmentErrors: boolean, stand = build) {
  const app = createServer({ build: stand, loginRateLimit: 10, isProduction: false, publicDir, developmentErrors });
  const server = app.listen(0);
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeEach(() => {
  // The errors are logged on the server, as they should be; the test reads what the client gets.
  vi.spyOn(console, "error").mockImplementation(() => {});
});

afterAll(() => {
  for (const s of servers) s.close();
  fs.rmSync(publicDir, { recursive: true, force: true });
});

describe("error responses", () => {
  it("carry no stack, path or message of a thrown error from the start command's server", async () => {
    const base = await serve(false);
    const response = await fetch(`${base}/boom?_data=routes/boom`);
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).not.toContain("boom at");
    expect(body).not.toMatch(/\/work\/|\.tsx?:\d+|\bat \w/);
    expect(JSON.parse(body)).toEqual({ message: "Unexpected Server Error" });
  });

  it("(the same stand-in under the development server does show the stack: the test can tell)", async () => {
    const base = await serve(true);
    const body = await (await fetch(`${base}/boom?_data=routes/boom`)).text();
    expect(body).toContain(SECRET);
    expect(body).toContain("stack");
  });

  it("answer an error that escapes Remix with a bare 500", async () => {
    const broken = { ...build, routes: undefined } as unknown as ServerBuild;
    const base = await serve(false, broken);
    const response = await fetch(`${base}/anything`);
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const body = await response.text();
    expect(body).toBe("Something went wrong on our side. Try again; if it keeps happening, tell an administrator.");
  });
});

/** Sends raw bytes on a new connection and resolves with everything the server answers until it closes (or `waitMs`). */
function raw(base: string, chunks: { text: string; afterMs?: number }[], waitMs = 5_000): Promise<{ answer: string; ms: number }> {
  const { port } = new URL(base);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(Number(port), "127.0.0.1");
    let answer = "";
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ answer, ms: Date.now() - started });
    };
    const timer = setTimeout(done, waitMs);
    socket.on("data", (d) => (answer += d.toString()));
    socket.on("close", done);
    socket.on("error", done);
    let at = 0;
    for (const chunk of chunks) {
      at += chunk.afterMs ?? 0;
      setTimeout(() => !socket.destroyed && socket.write(chunk.text), at);
    }
  });
}
const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);

describe("malformed requests (issue 23)", () => {
  it.each([
    ["a path with malformed percent-encoding", "GET /%ff HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"],
    ["a lone % in a path", "GET /projects/% HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"],
    ["an encoded lone surrogate", "GET /signup/%ed%a0%80 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"],
    ["malformed encoding under the API", "POST /api/v1/metrics/%ff/values HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"],
    ["a port out of range in Host", "GET /login HTTP/1.1\r\nHost: evil.example:99999\r\nConnection: close\r\n\r\n"],
    ["an unparseable IPv6 Host", "GET /login HTTP/1.1\r\nHost: [:::\r\nConnection: close\r\n\r\n"],
    ["user info in Host", "GET /login HTTP/1.1\r\nHost: a@evil.example\r\nConnection: close\r\n\r\n"],
    ["an absolute-form target", "GET http://x/login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"],
    ["an asterisk target", "OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"],
  ])("answers %s with a 400 and a plain message", async (_name, request) => {
    const errors = vi.spyOn(console, "error");
    const base = await serve(false);
    const { answer } = await raw(base, [{ text: request }], 3_000);
    expect(statusOf(answer), answer.slice(0, 200)).toBe(400);
    expect(answer).toMatch(/content-type: text\/plain/i);
    expect(answer).not.toMatch(/URIError|\bat \w|\/work\//);
    expect(errors).not.toHaveBeenCalled();
  });

  it("cuts off a client whose headers or body trickle in, with a 408", async () => {
    const app = createServer({ build, loginRateLimit: 10, isProduction: false, publicDir });
    const server = listen(app, 0, "127.0.0.1", { headersMs: 1_000, requestMs: 2_000, keepAliveMs: 500 });
    servers.push(server);
    await new Promise((resolve) => server.once("listening", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const drip = (text: string, everyMs: number) => [...text].map((c, i) => ({ text: c, afterMs: i === 0 ? 0 : everyMs }));

    const headers = await raw(base, drip("GET /login HTTP/1.1\r\nHost: localhost\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n", 200), 8_000);
    expect(statusOf(headers.answer)).toBe(408);
    expect(headers.ms).toBeLessThan(4_000);

    const body = "email=a%40b.example&password=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    const slowBody = await raw(
      base,
      [
        { text: `POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n` },
        ...drip(body, 200),
      ],
      8_000,
    );
    expect(statusOf(slowBody.answer)).toBe(408);
    expect(slowBody.ms).toBeLessThan(5_000);
  });

  it("holds the start command's server to 10 s for headers and 30 s for a whole request", () => {
    expect(TIMEOUTS).toEqual({ headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 });
  });
});
