// What every route in the route tree must have, read from the Remix build so a new route is
// held to it without editing this file.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("the route tree", () => {
  it("gives every page route its own error boundary, so a 403, 404 or 409 keeps the navigation", async () => {
    const build = (await import(pathToFileURL(path.join(ROOT, "build", "index.js")).href)) as {
      routes: Record<string, { id: string; module: { default?: unknown; ErrorBoundary?: unknown } }>;
    };
    const pages = Object.values(build.routes).filter((r) => r.id !== "root" && typeof r.module.default === "function");
    expect(pages.length).toBeGreaterThan(15);
    expect(pages.filter((r) => typeof r.module.ErrorBoundary !== "function").map((r) => r.id)).toEqual([]);
  });
});
