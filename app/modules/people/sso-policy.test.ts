import { describe, expect, it } from "vitest";
import { parseDomains, passwordAllowed, ssoOutcome } from "./sso-policy";

const open = { newMembers: true, domains: ["northwind.test"] };
const closed = { newMembers: false, domains: ["northwind.test"] };
const verified = (email: string, name?: string) => ({ email, email_verified: true, name });

describe("signing in through the identity provider", () => {
  it("matches an account by verified email, whatever its case", () => {
    expect(ssoOutcome(verified("Ana@Northwind.test"), { id: "u1", deactivated: false }, closed)).toEqual({ kind: "sign_in", userId: "u1" });
  });

  it("refuses an email the provider has not verified, or none at all", () => {
    expect(ssoOutcome({ email: "ana@northwind.test", email_verified: false }, { id: "u1", deactivated: false }, open)).toMatchObject({ kind: "refuse" });
    expect(ssoOutcome({ email: "ana@northwind.test", email_verified: "true" }, { id: "u1", deactivated: false }, open)).toMatchObject({ kind: "refuse" });
    expect(ssoOutcome({ email_verified: true }, null, open)).toMatchObject({ kind: "refuse", message: expect.stringContaining("email address") });
  });

  it("keeps a deactivated account out", () => {
    expect(ssoOutcome(verified("ana@northwind.test"), { id: "u1", deactivated: true }, open)).toMatchObject({
      kind: "refuse",
      message: expect.stringContaining("deactivated"),
    });
  });

  it("creates a member only when allowed, and only for a listed domain (not one that merely ends like it)", () => {
    expect(ssoOutcome(verified("new@northwind.test", "Nia New"), null, open)).toEqual({ kind: "create", email: "new@northwind.test", name: "Nia New" });
    expect(ssoOutcome(verified("new@northwind.test"), null, open)).toEqual({ kind: "create", email: "new@northwind.test", name: "new" });
    expect(ssoOutcome(verified("new@northwind.test"), null, closed)).toMatchObject({
      kind: "refuse",
      message: expect.stringContaining("Ask an administrator to invite you"),
    });
    expect(ssoOutcome(verified("new@evil-northwind.test"), null, open)).toMatchObject({ kind: "refuse" });
    expect(ssoOutcome(verified("new@sub.northwind.test"), null, open)).toMatchObject({ kind: "refuse" });
  });
});

describe("passwords when single sign-on is the way in", () => {
  it("anyone while passwords are on; only the break-glass administrator when they are off", () => {
    expect(passwordAllowed("u1", { passwordSignIn: true, breakGlassId: null })).toBe(true);
    expect(passwordAllowed("u1", { passwordSignIn: false, breakGlassId: "u2" })).toBe(false);
    expect(passwordAllowed("u2", { passwordSignIn: false, breakGlassId: "u2" })).toBe(true);
  });

  it("reads a domain list as people write it", () => {
    expect(parseDomains(" Northwind.test, @example.com;example.com\nfoo.org ")).toEqual(["northwind.test", "example.com", "foo.org"]);
  });
});
