// Every npm script of ours answers --help with its usage and changes nothing (issue 27, item 7):
// each script that runs one of our files (tsx ...) is started as npm would, with --help, four at a time. The
// scripts that hand over to a tool (remix, prisma, tsc, eslint, vitest, playwright, prettier)
// print that tool's usage.
import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const scripts = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
// The script's own step (what follows its last &&: db:seed regenerates the Prisma client first,
// which other test files are reading as this runs).
const ours = Object.entries(scripts)
  .map(([name, command]) => [name, command.split("&&").at(-1)!.trim()] as const)
  .filter(([, command]) => command.startsWith("tsx "));

describe("npm scripts", () => {
  it("each of ours prints its usage for --help, exits 0 and starts nothing", { timeout: 180_000 }, async () => {
    expect(ours.map(([name]) => name)).toEqual(expect.arrayContaining(["start", "db:migrate", "db:seed", "test", "bench:pages", "workspace:import"]));
    const answers: { name: string; code: number; out: string }[] = [];
    for (let i = 0; i < ours.length; i += 4) {
      answers.push(
        ...(await Promise.all(
          ours.slice(i, i + 4).map(async ([name, command]) => {
            try {
              const { stdout } = await run("sh", ["-c", `PATH="$PWD/node_modules/.bin:$PATH" ${command} --help`], {
                timeout: 120_000,
                env: { ...process.env, DATABASE_URL: "file:/nonexistent/never-made.db" },
              });
              return { name, code: 0, out: stdout };
            } catch (error) {
              const e = error as { code?: number; stdout?: string; stderr?: string };
              return { name, code: e.code ?? 1, out: `${e.stdout ?? ""}${e.stderr ?? ""}` };
            }
          }),
        )),
      );
    }
    for (const answer of answers) {
      expect(answer.code, `${answer.name}: ${answer.out}`).toBe(0);
      // The usage names the script, and no stack trace is printed.
      expect(answer.out, answer.name).toMatch(new RegExp(`npm (run |start|test)|tsx tests/setup/postgres-cluster`));
      expect(answer.out, answer.name).not.toMatch(/\n\s+at /);
    }
  });

  it("a mistyped option is named with the usage, without a stack trace", async () => {
    const failed = await run("npm", ["run", "-s", "bench:login", "--", "--attemps", "3"]).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain("Unknown option '--attemps'");
    expect((failed as { stderr: string }).stderr).toContain("npm run bench:login");
    expect((failed as { stderr: string }).stderr).not.toMatch(/\n\s+at /);
  });
});
