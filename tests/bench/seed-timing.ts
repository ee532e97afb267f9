// npm run bench:seed [-- --projects 10000 --values 1000000]
// Seeds a throwaway database twice, the demo and a large portfolio, and prints both times.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { commandLine } from "~/utils/cli.server";

const USAGE = `npm run bench:seed [-- --projects 10000 --values 1000000]
Seeds a throwaway database twice, the demo and a large portfolio, and prints both times.`;

const { values } = commandLine(USAGE, { options: { projects: { type: "string", default: "10000" }, values: { type: "string", default: "1000000" } } });
const root = path.resolve(import.meta.dirname, "../..");
const dir = path.join(root, "tests", ".tmp");
fs.mkdirSync(dir, { recursive: true });

function seed(label: string, args: string[]) {
  const file = path.join(dir, `bench-seed-${Date.now()}.db`);
  const started = performance.now();
  const result = spawnSync("npx", ["tsx", "prisma/seed.ts", ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    encoding: "utf8",
  });
  const wall = (performance.now() - started) / 1000;
  const line = result.stdout.split("\n").find((l) => l.startsWith("Seeded")) ?? result.stderr.trim();
  const size = fs.existsSync(file) ? fs.statSync(file).size / 1024 / 1024 : 0;
  console.log(`${label}: ${line} (wall ${wall.toFixed(1)} s including migrations, database ${size.toFixed(0)} MiB)`);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  if (result.status !== 0) process.exitCode = 1;
}

seed("demo", []);
seed("large", ["--projects", values.projects, "--values", values.values]);
