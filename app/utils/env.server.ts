import crypto from "node:crypto";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).optional(),
  DATABASE_URL: z.string().min(1).default("file:./data/gatepath.db"),
  SESSION_SECRET: z.string().min(16, "SESSION_SECRET must be at least 16 characters").optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  API_RATE_LIMIT: z.coerce.number().int().min(1).default(120),
  // "off" computes every cached read model on every request (to measure or rule out the cache).
  READ_CACHE: z.enum(["on", "off"]).default("on"),
  // Whether an empty database is seeded with the demo: on by default, off by default in production.
  GATEPATH_DEMO: z.enum(["on", "off"]).optional(),
  DEMO_PASSWORD: z.string().optional(),
  // The setup token of an empty workspace without the demo, for automated installs; otherwise one is made and printed at start.
  GATEPATH_SETUP_TOKEN: z.string().min(24, "GATEPATH_SETUP_TOKEN must be at least 24 characters").optional(),
  // How often the server re-judges gate status that depends on the date; 0 turns the clock off (use npm run gate:rejudge from cron).
  GATE_CLOCK_MINUTES: z.coerce.number().min(0).max(1440).default(5),
  // Where the audit chain's head is appended on a schedule, outside the database (decision 46), and how often; 0 stops it.
  AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
  AUDIT_ANCHOR_MINUTES: z.coerce.number().min(0).max(1440).default(60),
  // The address people open Gatepath at, for links in emails (default: http://localhost:PORT).
  APP_URL: z.string().url("APP_URL must be a full address like https://gatepath.example.com").optional(),
  // How often the delivery worker sends what waits in the outbox (email, webhooks), in seconds; 0 stops sending.
  DELIVERY_SECONDS: z.coerce.number().min(0).max(3600).default(5),
  // How many server processes npm start runs on this machine, sharing its port (node:cluster).
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
});

export type Env = z.infer<typeof schema> & { SESSION_SECRET: string; isProduction: boolean; seedDemo: boolean };

let cached: Env | undefined;

/** The environment, validated once; a bad value stops the server with the variable named. */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid environment variable ${issue.path.join(".")}: ${issue.message}`);
  }
  const isProduction = parsed.data.NODE_ENV === "production";
  if (isProduction && !parsed.data.SESSION_SECRET) {
    throw new Error("SESSION_SECRET must be set when NODE_ENV=production");
  }
  // Outside production a secret is generated once per process (sessions end on restart).
  const g = globalThis as { __gatepathSecret?: string };
  g.__gatepathSecret ??= crypto.randomBytes(32).toString("hex");
  const seedDemo = (parsed.data.GATEPATH_DEMO ?? (isProduction ? "off" : "on")) === "on";
  cached = { ...parsed.data, SESSION_SECRET: parsed.data.SESSION_SECRET ?? g.__gatepathSecret, isProduction, seedDemo };
  return cached;
}
