// PostgreSQL's connections for Prisma, preparing each statement once (decision 44). Prisma 6's
// driver adapter sends every query as an unnamed statement, so PostgreSQL parses and plans it
// again on each call: for the project page's JSON reads that planning cost three times their
// execution. A statement sent with a name is parsed once per connection and, after a few runs,
// executed from a cached generic plan. Names are a hash of the SQL text, so one text always has
// one name; each connection names at most `limit` texts (the hot ones come first) and sends the
// rest unnamed, which bounds what the server keeps per connection whatever the IN-list lengths.
import { createHash } from "node:crypto";
import pg from "pg";

export const NAMED_STATEMENTS_PER_CONNECTION = 200;

/** The prepared statement's name for a SQL text: the same text, the same name. */
export function statementName(text: string): string {
  return `gp_${createHash("sha1").update(text).digest("base64url")}`;
}

type QueryConfigLike = { text?: unknown; name?: unknown; submit?: unknown };

/** Makes `client` send object queries (what the adapter sends) as named statements, up to `limit` texts. */
export function nameStatements(client: pg.ClientBase, limit = NAMED_STATEMENTS_PER_CONNECTION): void {
  const named = new Set<string>();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const withName = (config: unknown): unknown => {
    if (typeof config !== "object" || config === null) return config;
    const { text, name, submit } = config as QueryConfigLike;
    // Plain configs only: a submittable (a cursor, a stream) is passed on as it is.
    if (typeof text !== "string" || name !== undefined || submit !== undefined) return config;
    const key = statementName(text);
    if (!named.has(key)) {
      if (named.size >= limit) return config;
      named.add(key);
    }
    return { ...config, name: key };
  };
  (client as { query: unknown }).query = (config: unknown, ...rest: unknown[]) => query(withName(config), ...rest);
}

/**
 * A pool whose every connection prepares statements by name (see above). An idle connection the
 * server ends (a restart, a failover, a dropped database) is taken out of the pool and said in one
 * line; without a listener that error would end the process.
 */
export function createPgPool(config: pg.PoolConfig, limit = NAMED_STATEMENTS_PER_CONNECTION): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on("connect", (client) => nameStatements(client, limit));
  pool.on("error", (error) => console.error(`gatepath: an idle PostgreSQL connection closed (${error.message}); the next query opens another`));
  return pool;
}
