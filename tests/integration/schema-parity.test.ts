// The SQLite and PostgreSQL schemas declare the same data (decision 42): the schema files say the
// same models, fields, relations and indexes, and the databases their migrations build have the
// same tables, columns, indexes, foreign keys and refusing triggers. The second half needs a
// PostgreSQL cluster (TEST_POSTGRES_URL, as CI gives it).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createPostgresTestDb, createSqliteTestDb } from "../setup/test-db";
import { testPostgresUrl, withPostgresClient } from "../setup/postgres";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** A schema file without its comments, its generator and its datasource: what it declares. */
function declarations(file: string): string {
  return fs
    .readFileSync(path.join(ROOT, file), "utf8")
    .replace(/^\s*\/\/.*$/gm, "")
    .replace(/(generator|datasource) \w+ \{[^}]*\}/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

type Shape = {
  columns: string[];
  indexes: string[];
  foreignKeys: string[];
  triggers: string[];
};

function sqliteShape(file: string): Shape {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (
      db.prepare(`SELECT "name" FROM sqlite_master WHERE "type" = 'table' AND "name" NOT LIKE 'sqlite_%' AND "name" <> '_prisma_migrations'`).all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    const columns: string[] = [];
    const indexes: string[] = [];
    const foreignKeys: string[] = [];
    for (const table of tables) {
      const info = db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; notnull: number; pk: number }[];
      for (const c of info) columns.push(`${table}.${c.name} ${c.notnull || c.pk ? "not null" : "null"}`);
      const list = db.prepare(`PRAGMA index_list("${table}")`).all() as { name: string; unique: number; origin: string }[];
      // An INTEGER PRIMARY KEY is the rowid itself, with no index of its own to list.
      if (!list.some((i) => i.origin === "pk")) {
        const key = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
        indexes.push(`${table}_pkey unique(${key.map((c) => c.name).join(",")})`);
      }
      for (const i of list) {
        const cols = (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name);
        // SQLite's own index for a primary key is PostgreSQL's "_pkey".
        const name = i.origin === "pk" ? `${table}_pkey` : i.name;
        indexes.push(`${name} ${i.unique ? "unique" : ""}(${cols.join(",")})`);
      }
      for (const f of db.prepare(`PRAGMA foreign_key_list("${table}")`).all() as { table: string; from: string; to: string; on_delete: string }[]) {
        foreignKeys.push(`${table}.${f.from} -> ${f.table}.${f.to} on delete ${f.on_delete.toLowerCase()}`);
      }
    }
    const triggers = (db.prepare(`SELECT "name" FROM sqlite_master WHERE "type" = 'trigger'`).all() as { name: string }[]).map((t) => t.name);
    return { columns: columns.sort(), indexes: indexes.sort(), foreignKeys: foreignKeys.sort(), triggers: triggers.sort() };
  } finally {
    db.close();
  }
}

function postgresShape(url: string): Promise<Shape> {
  return withPostgresClient(url, async (client) => {
    const q = async <T>(sql: string) => (await client.query(sql)).rows as T[];
    const columns = (
      await q<{ t: string; c: string; nullable: string }>(`
        SELECT table_name AS t, column_name AS c, is_nullable AS nullable FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`)
    ).map((r) => `${r.t}.${r.c} ${r.nullable === "YES" ? "null" : "not null"}`);
    const indexes = (
      await q<{ name: string; uniq: boolean; cols: string[] }>(`
        SELECT i.relname AS name, x.indisunique AS uniq,
          ARRAY(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS cols
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace s ON s.oid = t.relnamespace
        WHERE s.nspname = 'public' AND t.relname <> '_prisma_migrations'`)
    ).map((r) => `${r.name} ${r.uniq ? "unique" : ""}(${r.cols.join(",")})`);
    const foreignKeys = (
      await q<{ t: string; c: string; ft: string; fc: string; del: string }>(`
        SELECT tc.relname AS t, a.attname AS c, fc.relname AS ft, fa.attname AS fc,
          CASE con.confdeltype WHEN 'c' THEN 'cascade' WHEN 'n' THEN 'set null' WHEN 'r' THEN 'restrict' WHEN 'a' THEN 'no action' ELSE 'set default' END AS del
        FROM pg_constraint con JOIN pg_class tc ON tc.oid = con.conrelid JOIN pg_class fc ON fc.oid = con.confrelid
          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
          JOIN pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = con.confkey[1]
        WHERE con.contype = 'f'`)
    ).map((r) => `${r.t}.${r.c} -> ${r.ft}.${r.fc} on delete ${r.del}`);
    const triggers = (await q<{ name: string }>(`SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal`)).map((r) => r.name);
    return { columns: columns.sort(), indexes: indexes.sort(), foreignKeys: foreignKeys.sort(), triggers: triggers.sort() };
  });
}

describe("the SQLite and PostgreSQL schemas", () => {
  it("declare the same models, fields, relations and indexes", () => {
    const sqlite = declarations("prisma/schema.prisma");
    expect(sqlite).toContain("model AuditEvent {");
    expect(declarations("prisma/postgres/schema.prisma")).toBe(sqlite);
  });

  const cluster = testPostgresUrl();
  it.skipIf(!cluster)("build databases with the same columns, indexes, foreign keys and append-only triggers", async () => {
    const sqlite = await createSqliteTestDb();
    const postgres = await createPostgresTestDb(cluster!);
    try {
      const fromSqlite = sqliteShape(sqlite.url.replace(/^file:/, ""));
      const fromPostgres = await postgresShape(postgres.url);
      // The comparison means something only if both saw the schema.
      expect(fromSqlite.columns.length).toBeGreaterThan(150);
      expect(fromSqlite.triggers).toContain("AuditEvent_no_delete");
      expect(fromPostgres).toEqual(fromSqlite);
    } finally {
      await sqlite.cleanup();
      await postgres.cleanup();
    }
  });
});
