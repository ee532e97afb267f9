// npm run workspace:export -- --out FILE [--with-passwords]
// npm run workspace:import -- --in FILE
// Moves a whole workspace between databases (docs/workspace-file.md). The export reads the
// database at DATABASE_URL; the import migrates the database at DATABASE_URL and loads the file
// into it, refusing one that already holds a workspace or a file of an unknown version.
import { commandLine } from "~/utils/cli.server";
import { fail, prepareDatabase } from "./prepare";

const USAGE = `npm run workspace:export -- --out FILE [--with-passwords]
npm run workspace:import -- --in FILE
Moves a whole workspace between databases (docs/workspace-file.md). The export reads the
database at DATABASE_URL; the import migrates the database at DATABASE_URL and loads the file
into it, refusing one that already holds a workspace or a file of an unknown version.`;

const [command, ...rest] = process.argv.slice(2);
const { values } = commandLine(USAGE, {
  args: rest,
  options: { out: { type: "string" }, in: { type: "string" }, "with-passwords": { type: "boolean", default: false } },
});

if (command === "export") {
  if (!values.out) fail("usage: npm run workspace:export -- --out FILE [--with-passwords]");
  prepareDatabase();
  const { configureDatabase, prisma } = await import("~/utils/db.server");
  const { exportWorkspace } = await import("~/modules/workspace/transfer.server");
  await configureDatabase(prisma);
  const header = await exportWorkspace(prisma, values.out, { secrets: values["with-passwords"] });
  await prisma.$disconnect();
  const rows = header.tables.reduce((n, t) => n + t.rows, 0);
  console.log(`gatepath: wrote ${rows.toLocaleString("en")} rows of ${header.tables.length} tables to ${values.out}.`);
  if (!header.secrets) console.log("gatepath: password hashes and API tokens were left out (--with-passwords keeps them).");
} else if (command === "import") {
  if (!values.in) fail("usage: npm run workspace:import -- --in FILE");
  prepareDatabase();
  const { configureDatabase, prisma } = await import("~/utils/db.server");
  const { importWorkspace, ImportRefused } = await import("~/modules/workspace/transfer.server");
  await configureDatabase(prisma);
  try {
    const header = await importWorkspace(prisma, values.in);
    const rows = header.tables.reduce((n, t) => n + t.rows, 0);
    console.log(`gatepath: loaded ${rows.toLocaleString("en")} rows of ${header.tables.length} tables from ${values.in}.`);
    if (!header.secrets) {
      console.log(
        'gatepath: the file had no password hashes, so nobody can sign in yet: create an administrator (npm run admin:create -- --email ... --name "..."), who sends everyone else a reset link from People.',
      );
    }
  } catch (error) {
    // One line, whatever went wrong: the transaction wrote nothing.
    if (error instanceof ImportRefused) fail(`${values.in}: ${error.message} Nothing was written.`);
    fail(`${values.in}: the import stopped and wrote nothing: ${(error instanceof Error ? error.message : String(error)).split("\n")[0]}`);
  } finally {
    await prisma.$disconnect();
  }
} else {
  fail("usage: npm run workspace:export -- --out FILE [--with-passwords] | npm run workspace:import -- --in FILE");
}
