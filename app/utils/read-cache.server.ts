// A cache for expensive read models (the dashboard, the WBR), keyed by what was asked and by
// the data version: the newest audit event's id. Every change the app makes writes an audit
// event in its transaction, so a new event means new data and a new key; nothing is served
// stale after a write. Entries also expire after `ttlMs`, since some numbers follow the clock
// (days in stage). Concurrent misses for one key share one computation. README, decision 23.
import { LRUCache } from "lru-cache";
import { Prisma } from "~/generated/prisma/client";
import { z } from "zod";
import type { Db } from "./db.server";
import { col, queryOne } from "./rows.server";
import { getEnv } from "./env.server";

export async function dataVersion(db: Db): Promise<string> {
  const { v } = await queryOne(db, z.object({ v: col.numberOrNull }), Prisma.sql`SELECT MAX("id") AS v FROM "AuditEvent"`);
  return String(v ?? 0);
}

/** `enabled` defaults to the READ_CACHE setting; off, every read computes afresh. */
export function readCache<T extends object>(options: { max: number; ttlMs: number; enabled?: boolean }) {
  const enabled = options.enabled ?? getEnv().READ_CACHE === "on";
  const cache = new LRUCache<string, Promise<T>>({ max: options.max, ttl: options.ttlMs });
  return async (db: Db, key: string, compute: () => Promise<T>): Promise<T> => {
    if (!enabled) return compute();
    const full = `${await dataVersion(db)}|${key}`;
    const hit = cache.get(full);
    if (hit) return hit;
    const pending = compute();
    cache.set(full, pending);
    // A failed computation is not kept.
    pending.catch(() => cache.delete(full));
    return pending;
  };
}
