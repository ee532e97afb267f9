// Before the e2e server starts: an empty database for it (npm start then migrates and seeds it).
import fs from "node:fs";
import { recreateDatabase } from "../setup/postgres";
import { E2E_CLUSTER, E2E_DATABASE_NAME } from "./database-url";

if (E2E_CLUSTER) {
  await recreateDatabase(E2E_CLUSTER, E2E_DATABASE_NAME);
} else {
  fs.mkdirSync("tests/.tmp", { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`tests/.tmp/e2e.db${suffix}`, { force: true });
}
