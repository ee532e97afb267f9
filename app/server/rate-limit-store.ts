// express-rate-limit's counters in the database instead of one process's memory (issue 14, item
// 4): with several server processes, or several machines on one database, a login or API limit
// counts every attempt wherever it lands. One statement per hit, the same SQL on SQLite (3.35 and
// later) and PostgreSQL: insert the key, or bump it, starting a new window once the old one ended.
import type { ClientRateLimitInfo, Options, Store } from "express-rate-limit";
import { Prisma } from "~/generated/prisma/client";
import type { Db } from "~/utils/db.server";
import { col, queryOne } from "~/utils/rows.server";
import { z } from "zod";

export class DatabaseStore implements Store {
  localKeys = false;
  private windowMs = 60_000;

  constructor(
    private readonly db: Db,
    /** Keeps each limiter's keys apart (the login limit per address and the API limit per address share none). */
    readonly prefix: string,
  ) {}

  init(options: Options) {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = Date.now();
    const resetAt = BigInt(now + this.windowMs);
    const row = await queryOne(
      this.db,
      z.object({ hits: col.number, resetAt: col.number }),
      Prisma.sql`
      INSERT INTO "RateLimit" ("key", "hits", "resetAt") VALUES (${this.prefix + key}, 1, ${resetAt})
      ON CONFLICT ("key") DO UPDATE SET
        "hits" = CASE WHEN "RateLimit"."resetAt" <= ${BigInt(now)} THEN 1 ELSE "RateLimit"."hits" + 1 END,
        "resetAt" = CASE WHEN "RateLimit"."resetAt" <= ${BigInt(now)} THEN ${resetAt} ELSE "RateLimit"."resetAt" END
      RETURNING "hits", "resetAt"`,
    );
    // Now and then, forget windows that ended a day ago (keys of addresses never seen again).
    if (Math.random() < 0.01) await this.db.$executeRaw`DELETE FROM "RateLimit" WHERE "resetAt" < ${BigInt(now - 86_400_000)}`;
    return { totalHits: row.hits, resetTime: new Date(row.resetAt) };
  }

  async decrement(key: string): Promise<void> {
    await this.db.$executeRaw`UPDATE "RateLimit" SET "hits" = "hits" - 1 WHERE "key" = ${this.prefix + key} AND "hits" > 0`;
  }

  async resetKey(key: string): Promise<void> {
    await this.db.$executeRaw`DELETE FROM "RateLimit" WHERE "key" = ${this.prefix + key}`;
  }
}
