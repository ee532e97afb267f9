import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

// Prisma does not read .env when a config file exists; the CLI needs the
// variable for every command (generate included), so give it the app's default.
process.env.DATABASE_URL ??= "file:./data/gatepath.db";

export default defineConfig({
  // The JavaScript schema engine runs migrations through the driver adapter,
  // so nothing is downloaded (see README, decision 1).
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL as string });
  },
});
