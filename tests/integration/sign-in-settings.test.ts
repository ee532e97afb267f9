// How people sign in (issue 25, item 5): what the administrator's settings refuse, by field, and
// that a refused change leaves the settings as they were. The sign-in itself, through a real
// identity provider, is tests/e2e/sso.spec.ts; who the provider may let in is sso-policy.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { saveSignInSettings, signInSettings, ssoConfig, type SignInSettingsInput } from "~/modules/people/sso.server";
import type { Db } from "~/utils/db.server";
import { createUser, createUsers, withTestDb, type TestUser } from "../factories";

const t = withTestDb();
let db: Db;
let u: Record<"admin" | "viewer", TestUser>;
const sso = ssoConfig({ OIDC_ISSUER: "https://login.northwind.example", OIDC_CLIENT_ID: "gatepath", OIDC_CLIENT_SECRET: "s3cret" });
const base: SignInSettingsInput = { ssoNewMembers: false, ssoDomains: "", passwordSignIn: true, breakGlassId: null };

beforeAll(async () => {
  db = t.db;
  u = await createUsers(db, { admin: "admin", viewer: "viewer" });
});

describe("the sign-in settings", () => {
  it("reads the identity provider from the environment only when all three are set", () => {
    expect(sso).toMatchObject({ issuer: "https://login.northwind.example", name: "your organisation's sign-in" });
    expect(ssoConfig({ OIDC_ISSUER: "https://login.northwind.example", OIDC_CLIENT_ID: "gatepath" })).toBeNull();
  });

  it("refuses, by field, what cannot work, and changes nothing", async () => {
    const before = await signInSettings(db);
    const gone = await createUser(db, { role: "admin", deactivated: true });
    const cases: [SignInSettingsInput, typeof sso, string][] = [
      [{ ...base, passwordSignIn: false, breakGlassId: u.admin.id }, null, "passwordSignIn"],
      [{ ...base, passwordSignIn: false }, sso, "breakGlassId"],
      [{ ...base, passwordSignIn: false, breakGlassId: u.viewer.id }, sso, "breakGlassId"],
      [{ ...base, passwordSignIn: false, breakGlassId: gone.id }, sso, "breakGlassId"],
      [{ ...base, ssoNewMembers: true }, sso, "ssoDomains"],
      [{ ...base, ssoNewMembers: true, ssoDomains: "northwind.example, not a domain" }, sso, "ssoDomains"],
    ];
    for (const [input, config, field] of cases) {
      expect(await saveSignInSettings(db, u.admin, input, config), JSON.stringify(input)).toMatchObject({ ok: false, status: 400, field });
    }
    expect(await signInSettings(db)).toEqual(before);
  });

  it("saves a workable change, tidies the domains, and keeps it in the audit trail", async () => {
    const input = { ssoNewMembers: true, ssoDomains: "Northwind.example; @labs.northwind.example", passwordSignIn: false, breakGlassId: u.admin.id };
    expect(await saveSignInSettings(db, u.admin, input, sso)).toEqual({ ok: true });
    expect(await signInSettings(db)).toEqual({
      ssoNewMembers: true,
      ssoDomains: "northwind.example, labs.northwind.example",
      passwordSignIn: false,
      breakGlassId: u.admin.id,
    });
    // Passwords back on: nobody needs to be the break-glass administrator any more.
    expect(await saveSignInSettings(db, u.admin, { ...input, passwordSignIn: true }, sso)).toEqual({ ok: true });
    expect((await signInSettings(db)).breakGlassId).toBeNull();
    expect(await db.auditEvent.count({ where: { actorId: u.admin.id, action: "workspace.sign_in_settings" } })).toBe(2);
  });
});
