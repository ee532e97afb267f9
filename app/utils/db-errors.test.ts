import { describe, expect, it } from "vitest";
import { databaseUnavailableKind } from "./db-errors";

describe("databaseUnavailableKind", () => {
  it("names an unreachable database however deep its reason is", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(databaseUnavailableKind(refused)).toBe("ECONNREFUSED");
    expect(databaseUnavailableKind(new Error("query failed", { cause: new Error("wrapped", { cause: refused }) }))).toBe("ECONNREFUSED");
    expect(databaseUnavailableKind(new AggregateError([new Error("x"), refused]))).toBe("ECONNREFUSED");
    expect(databaseUnavailableKind(new Error("Connection terminated unexpectedly"))).toBe("Connection terminated");
    expect(databaseUnavailableKind(Object.assign(new Error("admin shutdown"), { code: "57P01" }))).toBe("57P01");
    expect(databaseUnavailableKind(Object.assign(new Error("Prisma"), { code: "P1001" }))).toBe("P1001");
    expect(databaseUnavailableKind({ message: "x", meta: { driverAdapterError: { cause: { originalCode: "08006" } } } })).toBe("08006");
  });

  it("leaves every other error alone", () => {
    expect(databaseUnavailableKind(new Error("Unique constraint failed on the fields: (`key`)"))).toBeNull();
    expect(databaseUnavailableKind(Object.assign(new Error("busy"), { code: "P1008" }))).toBeNull();
    expect(databaseUnavailableKind(Object.assign(new Error("dup"), { code: "23505" }))).toBeNull();
    expect(databaseUnavailableKind(new Error("a message that mentions P10011 and ECONNREFUSEDX"))).toBeNull();
    expect(databaseUnavailableKind(null)).toBeNull();
    expect(databaseUnavailableKind("ECONNREFUSED as a string is not an error")).toBeNull();
    const loop: { message: string; cause?: unknown } = { message: "loop" };
    loop.cause = loop;
    expect(databaseUnavailableKind(loop)).toBeNull();
  });
});
