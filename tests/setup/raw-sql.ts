// A plain SQL connection to a test database, beside the app's Prisma client: for tests that play
// someone with SQL access (tampering, dropped triggers) on SQLite or PostgreSQL alike. Statements
// use `?` placeholders on both.
import Database from "better-sqlite3";
import pg from "pg";

export type RawSql = {
  dialect: "sqlite" | "postgres";
  run(sql: string, ...params: unknown[]): Promise<void>;
  all<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** Drops the named triggers of `table`. */
  dropTriggers(table: string, names: string[]): Promise<void>;
  close(): Promise<void>;
};

export async function openRawSql(url: string): Promise<RawSql> {
  if (url.startsWith("file:")) {
    const db = new Database(url.replace(/^file:/, ""));
    return {
      dialect: "sqlite",
      run: async (sql, ...params) => void db.prepare(sql).run(...params),
      all: async <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[],
      dropTriggers: async (_table, names) => names.forEach((name) => db.exec(`DROP TRIGGER "${name}"`)),
      close: async () => void db.close(),
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    dialect: "postgres",
    run: async (sql, ...params) => void (await client.query(numbered(sql), params)),
    all: async <T>(sql: string, ...params: unknown[]) => (await client.query(numbered(sql), params)).rows as T[],
    dropTriggers: async (table, names) => {
      for (const name of names) await client.query(`DROP TRIGGER "${name}" ON "${table}"`);
    },
    close: () => client.end(),
  };
}
