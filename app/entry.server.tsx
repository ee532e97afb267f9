import { Writable } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { Islands } from "~/utils/islands";
import { renderToPipeableStream } from "react-dom/server";
import { databaseUnavailableKind } from "./utils/db-errors";
import type { ServerContext } from "./utils/load-context";
import { NonceProvider } from "./utils/nonce";

const ABORT_DELAY = 5_000;

/**
 * Renders the whole document, then sends it as one body. No route defers data, so streaming
 * gained nothing, and each of React's 2 KB chunks cost a trip through a web stream on its way
 * to the socket (README, decision 25).
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The server answers 503 instead (app/server/app.ts): nothing to render.
  if ((loadContext as Partial<ServerContext>).databaseUnavailable) return new Response(null, { status: 503 });
  const nonce = (loadContext as Partial<ServerContext>).cspNonce ?? "";
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const document = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    document.on("finish", () => {
      clearTimeout(timer);
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <Islands.Provider value={(loadContext as Partial<ServerContext>).islands ?? null}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
        </Islands.Provider>
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          pipe(document);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * What the server log gets of an error a loader or action raised (issue 23): a database that
 * cannot be reached is handed to the server (which answers 503 and logs the outage once, not
 * once per request); a 404 or another error response is one line; anything else its stack.
 */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  const server = context as Partial<ServerContext>;
  const kind = databaseUnavailableKind(error);
  if (kind && "cspNonce" in server) {
    server.databaseUnavailable ??= kind;
    return;
  }
  if (isRouteErrorResponse(error)) {
    console.log(`gatepath: ${error.status} ${request.method} ${new URL(request.url).pathname}`);
    return;
  }
  console.error(error);
}
