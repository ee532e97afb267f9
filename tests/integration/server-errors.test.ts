// Whatever NODE_ENV says, a response from `npm start`'s server carries no stack trace, file path
// or source line (issue 15): Remix runs in production mode unless the development server asks
// otherwise, and anything that escapes Remix is a bare 500. A stand-in build whose loader
// throws shows the difference, so the test would catch the development pages coming back.
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createServer } from "~/server/app";

const publicDir = fs.mkdtempSync(path.join(os.tmpdir(), "gatepath-public-"));
const SECRET = "boom at /work/main/app/routes/secret.tsx:12:7";

const build = {
  mode: "production",
  entry: { module: { default: () => new Response("document") } },
  routes: {
    root: { id: "root", path: "", module: { default: () => null } },
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
  assets: { entry: { module: "/build/entry.js", imports: [] }, routes: {}, url: "/build/manifest.js", version: "1" },
  future: {},
  publicPath: "/build/",
  assetsBuildDirectory: publicDir,
  isSpaMode: false,
} as unknown as ServerBuild;

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
