import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "prisma-adapter-pg-7";
import { isPostgresUrl } from "./app/utils/database-url";

// Prisma does not read .env when a config file exists; the CLI needs the
// variable for every command (generate included), so give it the app's default.
process.env.DATABASE_URL ??= "file:./data/gatepath.db";
const postgres = isPostgresUrl(process.env.DATABASE_URL);
// One provider per schema (decision 42): the URL picks the schema and its migrations.
const dir = postgres ? path.join("prisma", "postgres") : "prisma";

export default defineConfig({
  // The JavaScript schema engine runs migrations through the driver adapter,
  // so nothing is downloaded (see README, decision 1).
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(dir, "schema.prisma"),
  migrations: { path: path.join(dir, "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL as string;
    // The migrations run through adapter-pg 7: its 6.19 release cannot read the catalogue's
    // "name" columns the schema engine asks for (PLATFORM.md). The app itself uses 6.19.
    return postgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url });
  },
});
