// npm test: every check CI runs, in order, stopping at the first that fails: the types, the lint
// (import circles included), the formatting, the unit and integration tests on SQLite, the
// integration and browser tests on a throwaway PostgreSQL, and the browser tests on SQLite.
// Each step is its own npm script (npm run test:unit, test:postgres, test:e2e...) to run alone.
import { spawnSync } from "node:child_process";
import { answerHelp } from "~/utils/cli.server";

const STEPS = ["typecheck", "lint", "format:check", "test:unit", "test:postgres", "test:e2e"];

answerHelp(`npm test: runs, in order, stopping at the first that fails: ${STEPS.map((s) => `npm run ${s}`).join(", ")}.
Each step runs alone as its own npm script; npm run <step> -- --help tells what it takes.`);

for (const step of STEPS) {
  const started = performance.now();
  const run = spawnSync("npm", ["run", "-s", step], { stdio: "inherit" });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  if (run.status !== 0) {
    console.error(`\nnpm test: ${step} failed after ${seconds} s.`);
    process.exit(run.status ?? 1);
  }
  console.log(`\nnpm test: ${step} passed in ${seconds} s.`);
}
