import { describe, expect, it } from "vitest";
import { effectiveScope, type TokenScopeInput } from "./token-scope";

const base: TokenScopeInput = { revoked: false, maker: { name: "Ann", role: "admin", deactivated: false }, project: null, writableProjects: 0 };
const maker = (role: TokenScopeInput["maker"]["role"], deactivated = false) => ({ name: "Ann", role, deactivated });

describe("effectiveScope: what a token reads and writes now", () => {
  it.each<[string, TokenScopeInput, string]>([
    ["an administrator's organisation token", base, "Reads every project; records values of every project."],
    ["an administrator's project token", { ...base, project: { key: "GP-7", writable: false } }, "Reads and records values of GP-7."],
    [
      "a member's organisation token",
      { ...base, maker: maker("member"), writableProjects: 3 },
      "Reads every project; records values of the 3 projects Ann owns or contributes to.",
    ],
    [
      "a member's organisation token, one project",
      { ...base, maker: maker("member"), writableProjects: 1 },
      "Reads every project; records values of the project Ann owns or contributes to.",
    ],
    [
      "a member's organisation token, no project",
      { ...base, maker: maker("member") },
      "Reads every project; records nothing now: Ann owns or contributes to no project.",
    ],
    [
      "a member's project token where they write",
      { ...base, maker: maker("member"), project: { key: "GP-7", writable: true } },
      "Reads and records values of GP-7.",
    ],
    [
      "a member's project token where they no longer write",
      { ...base, maker: maker("member"), project: { key: "GP-7", writable: false } },
      "Reads only: Ann no longer writes to GP-7 (an owner's or contributor's right).",
    ],
    ["a viewer's token", { ...base, maker: maker("viewer"), writableProjects: 3 }, "Reads only: Ann is a viewer now."],
    ["a read token", { ...base, access: "read" }, "Reads every project."],
    ["a read token for a project", { ...base, access: "read", project: { key: "GP-7", writable: true } }, "Reads GP-7."],
    ["a deactivated maker's token", { ...base, maker: maker("admin", true) }, "Nothing: Ann is deactivated."],
    ["a revoked token", { ...base, revoked: true }, "Nothing: revoked."],
  ])("%s", (_name, input, said) => {
    expect(effectiveScope(input)).toBe(said);
  });
});
