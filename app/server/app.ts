// The HTTP server: security headers, compression, the login rate limit, static files
// and the Remix request handler. start.ts prepares the database and calls createServer.
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import { createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import rateLimit, { type Store } from "express-rate-limit";
import helmet from "helmet";
import { Outage, sendUnavailable } from "./outage";
import { bodyBytes, loginEmail, requestGuard, targetProblem, type GuardedLocals } from "./request-guard";
import { databaseUnavailableKind } from "~/utils/db-errors";
import type { ServerContext } from "~/utils/load-context";
import { deviceFor } from "~/utils/device-cookie.server";
import { getEnv } from "~/utils/env.server";
import { sha256Hex } from "~/utils/hash.server";

export type ServerOptions = {
  build: ServerBuild;
  loginRateLimit: number;
  apiRateLimit?: number;
  /** Where the limits count, per limiter (its prefix keeps its keys apart); without it, this process's memory. */
  rateLimitStore?: (prefix: string) => Store;
  isProduction: boolean;
  publicDir: string;
  /** Only the development server (live rebuilds) shows errors with their stacks; `npm start` never does. */
  developmentErrors?: boolean;
  /** Whether the database answers (its readiness query): how an outage's end is noticed. Without it, each request that finds it unreachable is logged. */
  databaseAnswers?: () => Promise<boolean>;
};

function requestHeaders(req: express.Request): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  return headers;
}

async function sendResponse(res: express.Response, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  // Iterating Headers yields each Set-Cookie on its own.
  for (const [key, value] of response.headers) res.append(key, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/**
 * What @remix-run/express does (it exports only its handler), except that the body is the one the request guard already read and
 * checked (res.locals.body), so an action's request.formData() or request.text() cannot fail.
 */
function remixHandler(build: ServerBuild, mode: "production" | "development", outage: Outage) {
  const handle = createRequestHandler(build, mode);
  return async (req: express.Request, res: express.Response, next: express.NextFunction) => {
    try {
      const controller = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      const body = (res.locals as GuardedLocals).body;
      const headers = requestHeaders(req);
      // An empty form posted without a type (a bare button) reads as an empty form.
      if (body && !headers.has("content-type")) headers.set("content-type", "application/x-www-form-urlencoded");
      const request = new Request(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`, {
        method: req.method,
        headers,
        signal: controller.signal,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : bodyBytes(body ?? Buffer.alloc(0)),
      });
      // Remix takes its _data parameter off the URL loaders see: whether this is a data request is told here.
      const context: ServerContext = { cspNonce: res.locals.cspNonce as string, dataRequest: typeof req.query._data === "string" };
      const response = await handle(request, context);
      // The database could not be reached: a 503 to retry, and the outage logged once.
      if (context.databaseUnavailable) {
        outage.report(context.databaseUnavailable);
        await response.body?.cancel();
        return sendUnavailable(res, wantsJson(req));
      }
      // A route that sets its own caching replaces the private default.
      if (response.headers.has("cache-control")) res.removeHeader("Cache-Control");
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

/** A per-minute limit with its policy headers, refused as a 429 with a plain message; per address unless keyed otherwise. */
function perMinute(
  limit: number,
  message: string,
  store: Store | undefined,
  keyGenerator?: (req: express.Request, res: express.Response) => string | Promise<string>,
) {
  return rateLimit({
    windowMs: 60_000,
    limit,
    ...(store ? { store } : {}),
    standardHeaders: "draft-7",
    legacyHeaders: false,
    ...(keyGenerator ? { keyGenerator } : {}),
    handler: (_req, res) => {
      res.status(429).type("text/plain").send(message);
    },
  });
}

export function createServer(options: ServerOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);

  // A target or Host that no URL can hold is refused before anything decodes or parses it.
  app.use((req, res, next) => {
    const problem = targetProblem(req.url, req.get("host"));
    if (problem) return res.status(400).type("text/plain").send(problem);
    next();
  });
  app.use((_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      referrerPolicy: { policy: "same-origin" },
      crossOriginEmbedderPolicy: false,
      contentSecurityPolicy: {
        directives: {
          "default-src": ["'self'"],
          "connect-src": ["'self'"],
          "img-src": ["'self'", "data:"],
          // The editor's CodeMirror mounts its stylesheet with the page's nonce.
          "style-src": ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          // The browser's own editing (in the editor, replacing highlighted text) writes style
          // attributes; they run no script, and what users write never keeps one (the sanitiser
          // drops them). Style elements still need the nonce (decision 52).
          "style-src-attr": ["'unsafe-inline'"],
          "script-src": ["'strict-dynamic'", "'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          "upgrade-insecure-requests": options.isProduction ? [] : null,
        },
      },
      strictTransportSecurity: options.isProduction,
    }),
  );
  app.use(compression());

  // Fingerprinted build assets are immutable; other public files are cached briefly.
  app.use("/build", express.static(path.join(options.publicDir, "build"), { immutable: true, maxAge: "1y" }));
  // Other public files (the favicon) have a file extension; page requests skip the file-system
  // lookup, which cost every page a failed stat and an error object.
  const publicFiles = express.static(options.publicDir, { maxAge: "1h" });
  app.use((req, res, next) => (/\.\w+$/.test(req.path) ? publicFiles(req, res, next) : next()));

  // Strict limit on login attempts per address.
  app.post(
    "/login",
    perMinute(options.loginRateLimit, "Too many login attempts from this address. Wait a minute and try again.", options.rateLimitStore?.("login-address:")),
  );

  // The JSON API: a limit per token (the bearer header), or per address without one.
  app.use(
    "/api/",
    rateLimit({
      windowMs: 60_000,
      limit: options.apiRateLimit ?? 120,
      ...(options.rateLimitStore ? { store: options.rateLimitStore("api:") } : {}),
      standardHeaders: "draft-7",
      legacyHeaders: false,
      keyGenerator: (req) => {
        const auth = req.get("authorization");
        return auth ? `token:${sha256Hex(auth)}` : `ip:${req.ip ?? "unknown"}`;
      },
      handler: (_req, res) => {
        res.status(429).json({ error: "Too many requests for this token; wait a minute and try again." });
      },
    }),
  );

  // Pages and API answers are private: never kept by a shared cache or shown again from the
  // back button after signing out. Routes that may be cached say so themselves.
  app.use((_req, res, next) => {
    res.set("Cache-Control", "no-store");
    next();
  });
  app.use(requestGuard());

  // The same limit per account, whichever addresses the attempts come from (read from the
  // checked body, so the address is normalised the way sign-in reads it), except for a browser
  // that has signed in to that account before: its attempts count per device (README "Security").
  app.post(
    "/login",
    perMinute(
      options.loginRateLimit,
      "Too many login attempts for this account. Wait a minute and try again.",
      options.rateLimitStore?.("login-account:"),
      async (req, res) => {
        const email = await loginEmail(req.get("content-type"), (res.locals as GuardedLocals).body);
        const device = deviceFor(req.get("cookie"), email, getEnv().SESSION_SECRET);
        return device ? `device:${device}` : `account:${email}`;
      },
    ),
  );
  const outage = new Outage(options.databaseAnswers ?? (() => Promise.resolve(true)));
  app.all("*", remixHandler(options.build, options.developmentErrors ? "development" : "production", outage));
  // An error Express or a middleware raises with a client status (a body it could not read, a
  // path it could not decode) is that status with a plain message; anything else that escapes a
  // route is a bare 500: no stack, no path, whatever NODE_ENV says.
  app.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    // A middleware that met an unreachable database (the rate limits count in it) is an outage too.
    const unavailable = databaseUnavailableKind(error);
    if (unavailable && !res.headersSent) {
      outage.report(unavailable);
      return sendUnavailable(res, wantsJson(req));
    }
    const status = clientStatus(error);
    if (status) {
      if (res.headersSent) return res.end();
      return res
        .status(status)
        .type("text/plain")
        .send(http.STATUS_CODES[status] ?? "Bad request");
    }
    console.error(error);
    if (res.headersSent) return res.end();
    res.status(500).type("text/plain").send("Something went wrong on our side. Try again; if it keeps happening, tell an administrator.");
  });
  return app;
}

/** Whether a refusal should be JSON: the API, Remix's data requests, and clients that ask for it. */
function wantsJson(req: express.Request): boolean {
  return req.path.startsWith("/api/") || req.originalUrl.includes("_data=") || (req.get("accept") ?? "").includes("application/json");
}

/** The 4xx status an error carries (Express's and its body parsers' convention), or null. */
function clientStatus(error: unknown): number | null {
  if (typeof error !== "object" || error === null) return null;
  const status = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  return typeof status === "number" && Number.isInteger(status) && status >= 400 && status < 500 ? status : null;
}

/** How long a client may take (issue 23): its headers, its whole request, and an idle kept-alive connection. */
export const TIMEOUTS = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 };

/**
 * The HTTP server for an app, with slow clients bounded: a request whose headers or whole body
 * are not in by their time gets Node's 408 and its connection closed; the check runs every second.
 */
export function listen(app: express.Express, port: number, host?: string, timeouts = TIMEOUTS): http.Server {
  const server = http.createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs),
    },
    app,
  );
  return host ? server.listen(port, host) : server.listen(port);
}
