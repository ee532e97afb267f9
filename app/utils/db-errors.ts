// Whether an error means the database cannot be reached at all (an outage), as opposed to a
// query that failed: the server then answers 503 with Retry-After and logs the outage once
// (README "Security"). Pure: it reads codes and messages along the error's cause chain, the
// way Prisma, its driver adapters, pg and Node report them.

// Node's socket errors, PostgreSQL's SQLSTATEs for a connection that failed or a server that is
// shutting down or starting, and Prisma's codes for a database it cannot reach.
const CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
  "EPIPE",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "57P01",
  "57P02",
  "57P03",
  "P1001",
  "P1002",
  "P1017",
  "SQLITE_CANTOPEN",
  "SQLITE_IOERR",
]);
const CODE_IN_TEXT = new RegExp(`\\b(${[...CODES].join("|")})\\b`);
const MESSAGES = [
  /Connection terminated/i,
  /Can't reach database server/i,
  /Server has closed the connection/i,
  /the database system is (shutting down|starting up|in recovery mode)/i,
  /terminating connection due to administrator command/i,
  /Client has encountered a connection error/i,
  /timeout exceeded when trying to connect/i,
  /unable to open database file/i,
];

/** A short name for why the database cannot be reached (a code such as ECONNREFUSED), or null when `error` is something else. */
export function databaseUnavailableKind(error: unknown): string | null {
  const seen = new Set<unknown>();
  // Breadth first through what wraps a reason: `cause`, Prisma's `meta` and its
  // `driverAdapterError`, and an AggregateError's `errors` (a connect to each address).
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (!current || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const { code, originalCode, message } = current as { code?: unknown; originalCode?: unknown; message?: unknown };
    for (const c of [code, originalCode]) if (typeof c === "string" && CODES.has(c)) return c;
    if (typeof message === "string") {
      const inText = CODE_IN_TEXT.exec(message);
      if (inText) return inText[1]!;
      const known = MESSAGES.find((m) => m.test(message));
      if (known) return known.exec(message)![0];
    }
    const { cause, meta, driverAdapterError, errors } = current as { cause?: unknown; meta?: unknown; driverAdapterError?: unknown; errors?: unknown };
    queue.push(cause, meta, driverAdapterError, ...(Array.isArray(errors) ? errors : []));
  }
  return null;
}
