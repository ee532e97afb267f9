// Who the identity provider may sign in (issue 25, item 5), pure: a person is matched by a
// verified email only; someone without an account becomes a member on first sign-in only when
// the administrator allows it and only for the listed email domains; a deactivated account stays
// out. And who may still use a password when single sign-on is the way in. Tested in sso-policy.test.ts.

export type SsoClaims = { email?: unknown; email_verified?: unknown; name?: unknown };
export type SsoSettings = { newMembers: boolean; domains: readonly string[] };
export type SsoOutcome = { kind: "sign_in"; userId: string } | { kind: "create"; email: string; name: string } | { kind: "refuse"; message: string };

/** "northwind.test, example.com" as the domains it lists, lower-cased, without a leading @. */
export function parseDomains(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
        .filter(Boolean),
    ),
  ];
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
export const isDomain = (domain: string) => DOMAIN.test(domain);

/** What a sign-in through the identity provider does, given its claims and the account with that email (if any). */
export function ssoOutcome(claims: SsoClaims, account: { id: string; deactivated: boolean } | null, settings: SsoSettings): SsoOutcome {
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  if (!email || !email.includes("@"))
    return { kind: "refuse", message: "Your identity provider did not give Gatepath your email address, so it cannot tell who you are." };
  // Only a verified email names an account: anyone can type an address into a profile.
  if (claims.email_verified !== true) {
    return { kind: "refuse", message: `Your identity provider has not verified ${email}; Gatepath signs people in by a verified email only.` };
  }
  if (account) {
    if (account.deactivated) return { kind: "refuse", message: "This account is deactivated. Ask an administrator if you need it back." };
    return { kind: "sign_in", userId: account.id };
  }
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (!settings.newMembers || !settings.domains.includes(domain)) {
    return { kind: "refuse", message: `There is no Gatepath account for ${email}. Ask an administrator to invite you.` };
  }
  const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim().slice(0, 120) : email.slice(0, email.indexOf("@"));
  return { kind: "create", email, name };
}

/** Whether this person may sign in with a password: anyone while passwords are on, else only the break-glass administrator. */
export function passwordAllowed(userId: string, settings: { passwordSignIn: boolean; breakGlassId: string | null }): boolean {
  return settings.passwordSignIn || userId === settings.breakGlassId;
}
