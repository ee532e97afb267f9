import { describe, expect, it } from "vitest";
import { can } from "./permissions";

describe("permissions", () => {
  it("lets everyone read projects", () => {
    expect(["admin", "member", "viewer"].every((r) => can(r as "admin", "project:read"))).toBe(true);
  });

  it("keeps viewers read-only", () => {
    expect(can("viewer", "project:write")).toBe(false);
    expect(can("viewer", "gate:decide")).toBe(false);
    expect(can("member", "gate:decide")).toBe(true);
  });

  it("reserves overrides, the playbook and users to administrators", () => {
    for (const p of ["gate:override", "playbook:edit", "user:manage"] as const) {
      expect(can("admin", p)).toBe(true);
      expect(can("member", p)).toBe(false);
    }
  });
});
