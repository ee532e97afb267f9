// For tests that check a refused request "changes nothing": counts every row written to the
// database's tables except those named, through triggers installed in the test's own database
// file (so the server's writes count too). The rate limits write a counter on every login and API
// attempt by design (server/rate-limit-store.ts); that table is left out, and nothing else is.
import type Database from "better-sqlite3";

export function watchWrites(sqlite: Database.Database, except: readonly string[] = ["RateLimit"]): () => number {
  sqlite.exec(
    `CREATE TABLE IF NOT EXISTS "_TestWrites" ("n" INTEGER NOT NULL); INSERT INTO "_TestWrites" ("n") SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM "_TestWrites");`,
  );
  const tables = (
    sqlite
      .prepare(`SELECT "name" FROM sqlite_master WHERE "type" = 'table' AND "name" NOT LIKE 'sqlite_%' AND "name" NOT IN ('_TestWrites', '_prisma_migrations')`)
      .all() as {
      name: string;
    }[]
  )
    .map((t) => t.name)
    .filter((t) => !except.includes(t));
  for (const table of tables) {
    for (const event of ["INSERT", "UPDATE", "DELETE"]) {
      sqlite.exec(`CREATE TRIGGER IF NOT EXISTS "_test_${table}_${event}" AFTER ${event} ON "${table}" BEGIN UPDATE "_TestWrites" SET "n" = "n" + 1; END;`);
    }
  }
  const read = sqlite.prepare(`SELECT "n" FROM "_TestWrites"`);
  return () => (read.get() as { n: number }).n;
}
