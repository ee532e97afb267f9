// A server of the test file's own, on an empty database without the demo and with a known setup
// token: for the specs that start an organisation from nothing.
import { test } from "./helpers";
import { removeDb, startServer, tempDbFile, type RunningServer } from "../setup/server";

/** Starts the server before the file's tests and removes it after; call the result for its address. */
export function emptyWorkspaceForThisFile(token: string): () => RunningServer {
  let server: RunningServer | undefined;
  let dbFile = "";
  test.beforeAll(async () => {
    dbFile = tempDbFile();
    const started = await startServer({ dbFile, env: { GATEPATH_DEMO: "off", GATEPATH_SETUP_TOKEN: token } });
    if (!started.ok) throw new Error(`the empty workspace did not start:\n${started.output}`);
    server = started.server;
  });
  test.afterAll(async () => {
    await server?.stop();
    if (dbFile) removeDb(dbFile);
  });
  return () => {
    if (!server) throw new Error("the empty workspace is not running");
    return server;
  };
}
