// A Remix build made of a few hand-written routes, for tests of the Express server around Remix
// (errors, outages): what matters there is what the server does with a route's answer or error.
import type { ServerBuild } from "@remix-run/node";

type StandInRoute = { id: string; parentId?: string; path: string; module: Record<string, unknown> };

export function standInBuild(options: {
  publicDir: string;
  routes: Record<string, StandInRoute>;
  /** The entry module: by default a document whose body is "document", with the status Remix gives it. */
  entry?: Record<string, unknown>;
}): ServerBuild {
  return {
    mode: "production",
    entry: { module: options.entry ?? { default: (_request: Request, status: number) => new Response("document", { status }) } },
    routes: { root: { id: "root", path: "", module: { default: () => null } }, ...options.routes },
    assets: { entry: { module: "/build/entry.js", imports: [] }, routes: {}, url: "/build/manifest.js", version: "1" },
    future: {},
    publicPath: "/build/",
    assetsBuildDirectory: options.publicDir,
    isSpaMode: false,
  } as unknown as ServerBuild;
}
