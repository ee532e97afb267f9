// Starts the real server (`npm start`'s script) on its own SQLite file and a free port, for the
// tests that must see what a client sees: status codes, headers, the console, a crash. The
// Remix build is made once by the global setup (tests/setup/build.ts).
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const TMP = path.join(ROOT, "tests", ".tmp");

export type RunningServer = {
  base: string;
  dbFile: string;
  /** Everything the server printed so far, stdout and stderr. */
  output: () => string;
  /** Stops the process (SIGTERM, or the signal given) and waits for it to exit. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
  child: ChildProcess;
};

export type StartResult = { ok: true; server: RunningServer } | { ok: false; code: number | null; output: string };

/** A fresh database file path under tests/.tmp (not created). */
export function tempDbFile(): string {
  fs.mkdirSync(TMP, { recursive: true });
  return path.join(TMP, `${crypto.randomUUID()}.db`);
}

export function removeDb(file: string) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}

/** Runs app/server/start.ts until it says where it serves, or exits. */
export function startServer(options: {
  dbFile: string;
  /** Another database than the file (a PostgreSQL URL); `dbFile` is then only a label. */
  databaseUrl?: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}): Promise<StartResult> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: undefined,
    DEMO_PASSWORD: undefined,
    GATEPATH_DEMO: undefined,
    LOGIN_RATE_LIMIT: "100000",
    API_RATE_LIMIT: "100000",
    // The gate clock writes when a pass finds a change; tests that count writes must not race it.
    GATE_CLOCK_MINUTES: "0",
    // So does anchoring the audit head, which also logs a line.
    AUDIT_ANCHOR_MINUTES: "0",
    // And the delivery worker, when the clock's notices are due.
    DELIVERY_SECONDS: "0",
    PORT: "0",
    ...options.env,
    DATABASE_URL: options.databaseUrl ?? `file:${options.dbFile}`,
  };
  // Node itself is the child (tsx as a loader), so its pid is the server's; its own process group
  // lets a signal reach whatever it starts (the build).
  const child = spawn(process.execPath, ["--import", "tsx", "app/server/start.ts"], {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // the group is already gone
      }
    }
    await exited;
  };
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      void stop("SIGKILL").then(() => resolve({ ok: false, code: null, output: `${output}\n(timed out)` }));
    }, options.timeoutMs ?? 120_000);
    const onData = () => {
      const match = /serving on http:\/\/localhost:(\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      resolve({ ok: true, server: { base: `http://127.0.0.1:${match[1]}`, dbFile: options.dbFile, output: () => output, stop, child } });
    };
    child.stdout!.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      resolve({ ok: false, code, output });
    });
  });
}

/** Signs in through the login form and returns the session cookie ("name=value"), or null. */
export async function signIn(base: string, email: string, password: string): Promise<string | null> {
  const response = await fetch(`${base}/login`, { method: "POST", body: new URLSearchParams({ email, password }), redirect: "manual" });
  if (response.status !== 302) return null;
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("__gatepath="));
  return cookie ? cookie.split(";")[0]! : null;
}
