import { describe, expect, it } from "vitest";
import { effectiveScope, type TokenScopeInput } from "./token-scope";

const base: TokenScopeInput = { revoked: false, maker: { name: "Ann", role: "admin", deactivated: false }, project: null, writableProjects: 0 };
const maker = (role: TokenScopeInput["maker"]["role"], deactivated = false) => ({ name: "Ann", role, deactivated });

describe("effectiveScope: what a token writes now", () => {
  it.each<[string, TokenScopeInput, string]>([
    ["an administrator's organisation token", base, "Values of every project."],
    ["an administrator's project token", { ...base, project: { key: "GP-7", writable: false } }, "Values of GP-7."],
    ["a member's organisation token", { ...base, maker: maker("member"), writableProjects: 3 }, "Values of the 3 projects Ann owns or contributes to."],
    [
      "a member's organisation token, one project",
      { ...base, maker: maker("member"), writableProjects: 1 },
      "Values of the project Ann owns or contributes to.",
    ],
    ["a member's organisation token, no project", { ...base, maker: maker("member") }, "Nothing now: Ann owns or contributes to no project."],
    ["a member's project token where they write", { ...base, maker: maker("member"), project: { key: "GP-7", writable: true } }, "Values of GP-7."],
    [
      "a member's project token where they no longer write",
      { ...base, maker: maker("member"), project: { key: "GP-7", writable: false } },
      "Nothing: Ann no longer writes to GP-7 (an owner's or contributor's right).",
    ],
    ["a viewer's token", { ...base, maker: maker("viewer"), writableProjects: 3 }, "Nothing: Ann is a viewer now."],
    ["a deactivated maker's token", { ...base, maker: maker("admin", true) }, "Nothing: Ann is deactivated."],
    ["a revoked token", { ...base, revoked: true }, "Nothing: revoked."],
  ])("%s", (_name, input, said) => {
    expect(effectiveScope(input)).toBe(said);
  });
});
