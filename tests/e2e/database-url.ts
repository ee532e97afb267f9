// The database the e2e server runs on, made fresh for every run by tests/e2e/fresh-database.ts;
// tests/e2e/data.ts writes to it too. A SQLite file, or, with E2E_POSTGRES=1 inside a cluster
// (npm run test:postgres sets TEST_POSTGRES_URL), a PostgreSQL database served by two processes.
import { databaseUrl } from "../setup/postgres";

const cluster = process.env.E2E_POSTGRES === "1" ? process.env.TEST_POSTGRES_URL : undefined;
if (process.env.E2E_POSTGRES === "1" && !cluster) throw new Error("E2E_POSTGRES=1 needs TEST_POSTGRES_URL (run it through npm run test:postgres)");

export const E2E_CLUSTER = cluster ?? null;
export const E2E_DATABASE_NAME = "gatepath_e2e";
export const E2E_DATABASE_URL = cluster ? databaseUrl(cluster, E2E_DATABASE_NAME) : "file:./tests/.tmp/e2e.db";
