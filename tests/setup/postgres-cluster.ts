// Runs a command beside a throwaway PostgreSQL cluster of its own: initdb in a temporary
// directory, started on a free loopback port, TEST_POSTGRES_URL pointed at it, stopped and removed
// whatever happens (exit, failure, Ctrl-C). `npm run test:postgres` runs the integration suite
// on it; .ci/run gets its cluster the same way. Needs PostgreSQL's server binaries (Debian's
// postgresql package; PLATFORM.md); run as root, the cluster runs as the postgres user.
//
//   tsx tests/setup/postgres-cluster.ts -- <command> [args...]
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { answerHelp } from "~/utils/cli.server";

const USAGE = `Runs a command beside a throwaway PostgreSQL cluster of its own: initdb in a temporary
directory, started on a free loopback port, TEST_POSTGRES_URL pointed at it, stopped and removed
whatever happens (exit, failure, Ctrl-C). \`npm run test:postgres\` runs the integration suite
on it; .ci/run gets its cluster the same way. Needs PostgreSQL's server binaries (Debian's
postgresql package; PLATFORM.md); run as root, the cluster runs as the postgres user.

  tsx tests/setup/postgres-cluster.ts -- <command> [args...]`;
answerHelp(USAGE);

function binaries(): string {
  const base = "/usr/lib/postgresql";
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) return fromEnv;
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => path.join(base, v, "bin")).find((dir) => fs.existsSync(path.join(dir, "initdb")));
  if (!found) {
    console.error("postgres-cluster: no PostgreSQL server binaries found (install Debian's postgresql package, or set PG_BIN).");
    process.exit(1);
  }
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const root = process.getuid?.() === 0;
/** Runs a PostgreSQL tool as the cluster's owner: the postgres user when we are root (initdb refuses root). */
function asOwner(command: string, args: string[]) {
  const result = root ? spawnSync("runuser", ["-u", "postgres", "--", command, ...args], { encoding: "utf8" }) : spawnSync(command, args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${path.basename(command)} failed:\n${result.stdout}${result.stderr}`);
}

const separator = process.argv.indexOf("--");
const command = separator >= 0 ? process.argv.slice(separator + 1) : [];
if (command.length === 0) {
  console.error("usage: tsx tests/setup/postgres-cluster.ts -- <command> [args...]");
  process.exit(2);
}

const bin = binaries();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatepath-pg-"));
const data = path.join(dir, "data");
if (root) spawnSync("chown", ["postgres", dir]);
const port = await freePort();
let started = false;

function stop() {
  if (started) {
    started = false;
    try {
      asOwner(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
    } catch (error) {
      console.error(String(error));
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

let code = 1;
try {
  // C.UTF-8: text keys sort by code point, as in SQLite (the workspace file's row order).
  asOwner(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--locale=C.UTF-8", "-E", "UTF8"]);
  // Durability is not what these tests measure: no fsync makes the cluster several times faster.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  asOwner(path.join(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "start"]);
  started = true;
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  console.log(`postgres-cluster: PostgreSQL on ${url}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      stop();
      process.exit(130);
    });
  }
  code = await new Promise<number>((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { stdio: "inherit", env: { ...process.env, TEST_POSTGRES_URL: url } });
    child.on("exit", (status, signal) => resolve(status ?? (signal ? 1 : 0)));
    child.on("error", (error) => {
      console.error(String(error));
      resolve(1);
    });
  });
} catch (error) {
  console.error(String(error));
} finally {
  stop();
}
process.exit(code);
