// What kind of database a DATABASE_URL names, without loading anything: read by the start script
// and prisma.config.ts before any Prisma client exists, and by the clients themselves.
import path from "node:path";

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** The file path of a `file:` (SQLite) URL, resolved against the working directory. */
export function sqliteFilePath(url: string): string {
  return path.resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""));
}
