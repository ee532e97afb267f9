// The HTTP server: security headers, compression, the login rate limit, static files
// and the Remix request handler. start.ts prepares the database and calls createServer.
import crypto from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import rateLimit from "express-rate-limit";
import helmet from "helmet";

export type ServerOptions = { build: ServerBuild; loginRateLimit: number; apiRateLimit?: number; isProduction: boolean; publicDir: string };

export function createServer(options: ServerOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);

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
          "style-src": ["'self'"],
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
    rateLimit({
      windowMs: 60_000,
      limit: options.loginRateLimit,
      standardHeaders: "draft-7",
      legacyHeaders: false,
      handler: (_req, res) => {
        res.status(429).type("text/plain").send("Too many login attempts from this address. Wait a minute and try again.");
      },
    }),
  );

  // The JSON API: a limit per token (the bearer header), or per address without one.
  app.use(
    "/api/",
    rateLimit({
      windowMs: 60_000,
      limit: options.apiRateLimit ?? 120,
      standardHeaders: "draft-7",
      legacyHeaders: false,
      keyGenerator: (req) => {
        const auth = req.get("authorization");
        return auth ? `token:${crypto.createHash("sha256").update(auth).digest("hex")}` : `ip:${req.ip ?? "unknown"}`;
      },
      handler: (_req, res) => {
        res.status(429).json({ error: "Too many requests for this token; wait a minute and try again." });
      },
    }),
  );

  app.all(
    "*",
    createRequestHandler({
      build: options.build,
      mode: options.isProduction ? "production" : "development",
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
    }),
  );
  return app;
}
