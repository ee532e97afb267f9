// npm run bench:login [-- --attempts 60]
// Whether sign-in tells who has an account: starts the server on a fresh demo database and
// times failed sign-ins, alternating a known address and unknown ones, one at a time. Prints
// the median and p90 of each and the server's CPU per attempt. A benchmark: it asserts nothing.
import { commandLine } from "~/utils/cli.server";
import { removeDb, startServer, tempDbFile } from "../setup/server";
import { processCpuMs } from "./cpu";

const USAGE = `npm run bench:login [-- --attempts 60]
Whether sign-in tells who has an account: starts the server on a fresh demo database and
times failed sign-ins, alternating a known address and unknown ones, one at a time. Prints
the median and p90 of each and the server's CPU per attempt. A benchmark: it asserts nothing.`;

const { values: args } = commandLine(USAGE, { options: { attempts: { type: "string", default: "60" } } });
const attempts = Number(args.attempts);

const dbFile = tempDbFile();
const started = await startServer({ dbFile, env: { DEMO_PASSWORD: "login-bench-password" } });
if (!started.ok) throw new Error(started.output);
const { server } = started;

const cpu = () => processCpuMs(server.child.pid);

async function attempt(email: string): Promise<number> {
  const t = performance.now();
  const response = await fetch(`${server.base}/login`, { method: "POST", body: new URLSearchParams({ email, password: "not-the-password" }) });
  await response.text();
  if (response.status !== 400) throw new Error(`expected 400, got ${response.status}`);
  return performance.now() - t;
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)]!.toFixed(1)} ms, p90 ${s[Math.floor(s.length * 0.9)]!.toFixed(1)} ms`;
};

// Warm up both paths (the first unknown address pays for nothing extra now, but the JIT does).
await attempt("admin@example.com");
await attempt("warmup@example.com");
const known: number[] = [];
const unknown: number[] = [];
let knownCpu = 0;
let unknownCpu = 0;
for (let i = 0; i < attempts; i++) {
  let before = cpu();
  known.push(await attempt("admin@example.com"));
  knownCpu += cpu() - before;
  before = cpu();
  unknown.push(await attempt(`nobody-${i}@example.com`));
  unknownCpu += cpu() - before;
}
console.log(`known address:   ${stats(known)}, server CPU ${(knownCpu / attempts).toFixed(1)} ms an attempt`);
console.log(`unknown address: ${stats(unknown)}, server CPU ${(unknownCpu / attempts).toFixed(1)} ms an attempt`);
await server.stop();
removeDb(dbFile);
