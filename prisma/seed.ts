// npm run db:seed [-- --projects 10000 --values 1000000]
// Seeds an empty database (migrations applied first by the npm script) and prints the time it took.
import { commandLine } from "~/utils/cli.server";
import { prepareDatabase } from "~/server/prepare";

const USAGE = `npm run db:seed [-- --projects 10000 --values 1000000]
Seeds an empty database (migrations applied first by the npm script) and prints the time it took.`;

const { values } = commandLine(USAGE, {
  options: { projects: { type: "string", default: "60" }, values: { type: "string" } },
});
const projects = Number(values.projects);
const metricValues = values.values === undefined ? undefined : Number(values.values);
if (!Number.isInteger(projects) || projects < 2 || (metricValues !== undefined && (!Number.isInteger(metricValues) || metricValues < 0))) {
  console.error("Usage: npm run db:seed -- --projects N (2 or more) --values N (0 or more; default two years of weekly values per reporting metric)");
  process.exit(2);
}
prepareDatabase();
const { seedWorkspace } = await import("~/modules/demo/seed.server");
const { demoPassword } = await import("~/modules/demo/demo-password.server");
const password = demoPassword(process.env.DEMO_PASSWORD);
if (!password.ok) {
  console.error(password.message);
  process.exit(2);
}
const { configureDatabase, prisma } = await import("~/utils/db.server");
await configureDatabase(prisma);
try {
  const result = await seedWorkspace(prisma, { projects, values: metricValues, password: password.password });
  console.log(`Seeded ${result.users} users, ${result.projects} projects and ${result.values} metric values in ${(result.ms / 1000).toFixed(1)} s`);
  if (password.generated) console.log(`The demo accounts' password (shown once): ${password.password}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
