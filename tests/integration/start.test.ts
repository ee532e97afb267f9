import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function start(databaseUrl: string) {
  return spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["app/server/start.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: "0" },
    encoding: "utf8",
    timeout: 30_000,
  });
}

describe("npm start with a bad database path", () => {
  it("stops with one line naming a missing directory", () => {
    const missing = path.join(os.tmpdir(), `gatepath-missing-${process.pid}`, "db");
    const result = start(`file:${missing}/gatepath.db`);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toEqual([`gatepath: the database directory ${missing} does not exist (from DATABASE_URL); create it or point DATABASE_URL elsewhere.`]);
  });

  it("stops with one line when the directory is a file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatepath-file-"));
    const blocker = path.join(dir, "not-a-dir");
    fs.writeFileSync(blocker, "");
    try {
      const result = start(`file:${blocker}/gatepath.db`);
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(`gatepath: the database directory ${blocker} is not a directory (from DATABASE_URL).`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a DATABASE_URL that is neither a SQLite file URL nor a PostgreSQL one", () => {
    const result = start("mysql://localhost/gatepath");
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('gatepath: DATABASE_URL must be a SQLite "file:" URL or a "postgres://" URL, got "mysql://localhost/gatepath".');
  });

  it("stops with the server's address when PostgreSQL cannot be reached", () => {
    const result = start("postgres://gatepath@127.0.0.1:1/gatepath");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Can't reach database server at `127.0.0.1:1`");
    expect(result.stderr.trim().split("\n").at(-1)).toBe('gatepath: "prisma migrate deploy" failed (exit 1).');
  });
});
