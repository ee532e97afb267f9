// npm run gate:rejudge: one pass of the gate clock (modules/lifecycle/clock.server.ts), for cron
// when the server's own clock is turned off (GATE_CLOCK_MINUTES=0) or to catch up at once. Safe
// beside a serving process: each batch is its own short transaction.
import { checkDatabaseDirectory, DEFAULT_DATABASE_URL } from "./prepare";
import { answerHelp } from "~/utils/cli.server";

const USAGE = `npm run gate:rejudge: one pass of the gate clock (modules/lifecycle/clock.server.ts), for cron
when the server's own clock is turned off (GATE_CLOCK_MINUTES=0) or to catch up at once. Safe
beside a serving process: each batch is its own short transaction.`;
answerHelp(USAGE);

process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;
checkDatabaseDirectory(process.env.DATABASE_URL);
const { configureDatabase, prisma } = await import("~/utils/db.server");
const { rejudgeOpenProjects } = await import("~/modules/lifecycle/clock.server");
await configureDatabase(prisma);
const run = await rejudgeOpenProjects(prisma);
await prisma.$disconnect();
console.log(
  `gate: re-judged ${run.judged} projects in ${run.ms} ms; ${run.changed.length} changed${run.changed.length ? `: ${run.changed.slice(0, 20).join(", ")}${run.changed.length > 20 ? ", ..." : ""}` : ""}.`,
);
