// Vitest global setup: the tests that start the real server (start, fuzz, production) need the
// Remix build; make it once here, before the workers start, instead of racing in each of them.
// On PostgreSQL it also migrates the template database the test databases are copied from.
import { buildIfNeeded } from "~/server/prepare";
import { prepareTemplate, testPostgresUrl } from "./postgres";

export default async function setup() {
  buildIfNeeded();
  // On PostgreSQL, the template every test database is copied from.
  const cluster = testPostgresUrl();
  if (cluster) await prepareTemplate(cluster);
}
