// Server-rendered islands: markup a page renders on the server from strings its loader made, that
// the browser keeps as it came instead of receiving them twice (once in the HTML, once in the
// hydration data). A 6-pager's review sends hundreds of thread cards (issue 24's benchmark): in
// the hydration data they doubled the page and its server time.
//
// For a document request the loader puts the strings in the load context (ServerContext.islands)
// and leaves them out of its data; entry.server.tsx hands them to the render here. In the browser
// the element hydrates with the same empty innerHTML prop it will keep, so React leaves the
// server's markup in place. For a data request (a navigation in the page, a revalidation after a
// form) there is no server render, so the loader sends the strings in its data instead.
import { createContext, useContext } from "react";
import type { ServerContext } from "./load-context";

export const Islands = createContext<ReadonlyMap<string, string> | null>(null);

/**
 * The HTML of island `key`: from the server render's islands, else what the loader's data carries
 * (`sent`), else "" (hydrating: the server's markup stays).
 */
export function useIsland(key: string, sent: string | null | undefined): string {
  const islands = useContext(Islands);
  return islands?.get(key) ?? sent ?? "";
}

/**
 * Where a loader's island markup goes: the document's render (a map to fill), or, for a data
 * request, nowhere (null: the loader sends it in its data). The server tells them apart
 * (ServerContext.dataRequest), since Remix takes _data off the URL loaders see.
 */
export function islandsOf(context: unknown): Map<string, string> | null {
  const server = context as Partial<ServerContext> | undefined;
  if (!server || server.dataRequest !== false) return null;
  return (server.islands ??= new Map());
}
