// npm run admin:create -- --email you@example.com --name "Your Name"
// Creates an administrator, for the first start of an empty workspace (NODE_ENV=production or
// GATEPATH_DEMO=off). The password is ADMIN_PASSWORD when set (it must pass the password
// policy), otherwise a random one printed once. Migrations are applied first.
import crypto from "node:crypto";
import { commandLine } from "~/utils/cli.server";
import { fail, prepareDatabase } from "./prepare";

const USAGE = `npm run admin:create -- --email you@example.com --name "Your Name"
Creates an administrator, for the first start of an empty workspace (NODE_ENV=production or
GATEPATH_DEMO=off). The password is ADMIN_PASSWORD when set (it must pass the password
policy), otherwise a random one printed once. Migrations are applied first.`;

const { values } = commandLine(USAGE, { options: { email: { type: "string" }, name: { type: "string" } } });
if (!values.email || !values.name)
  fail('usage: npm run admin:create -- --email you@example.com --name "Your Name" (ADMIN_PASSWORD sets the password; otherwise one is printed)');

prepareDatabase();
const { configureDatabase, prisma } = await import("~/utils/db.server");
const { ensureDefaultPlaybook } = await import("~/modules/lifecycle/playbook.server");
const { createAdministrator } = await import("~/modules/people/users.server");
await configureDatabase(prisma);
await ensureDefaultPlaybook(prisma);
const generated = !process.env.ADMIN_PASSWORD;
const password = process.env.ADMIN_PASSWORD || crypto.randomBytes(15).toString("base64url");
const result = await createAdministrator(prisma, { email: values.email, name: values.name, password });
await prisma.$disconnect();
if (!result.ok) fail(`${result.field === "password" ? "ADMIN_PASSWORD" : `--${result.field}`}: ${result.message}`);
console.log(`gatepath: created the administrator ${values.email.trim().toLowerCase()}.`);
if (generated) console.log(`gatepath: their password (shown this once): ${password}`);
