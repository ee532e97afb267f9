// Before the e2e server starts: an empty database for it (npm start then migrates and seeds it).
import fs from "node:fs";
import pg from "pg";
import { E2E_CLUSTER, E2E_DATABASE_NAME } from "./database-url";

if (E2E_CLUSTER) {
  const client = new pg.Client({ connectionString: E2E_CLUSTER });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${E2E_DATABASE_NAME}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${E2E_DATABASE_NAME}"`);
  await client.end();
} else {
  fs.mkdirSync("tests/.tmp", { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`tests/.tmp/e2e.db${suffix}`, { force: true });
}
