// Sign-in with the organisation's identity provider (issue 25, item 5): OpenID Connect's
// authorization code flow with PKCE, through openid-client, configured by OIDC_ISSUER,
// OIDC_CLIENT_ID and OIDC_CLIENT_SECRET. The state, nonce and code verifier travel in a signed,
// short-lived cookie; the provider's answer is checked by openid-client (issuer, audience,
// signature, nonce, state); who that is, and whether they may come in, is sso-policy.ts's.
// The workspace's settings say whether newcomers become members and whether passwords still work.
import { createCookie } from "@remix-run/node";
import * as client from "openid-client";
import { writeAudit } from "~/modules/audit/audit.server";
import { refuse, type Result } from "~/modules/result";
import type { Db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { safeRedirectPath } from "~/utils/redirect";
import { hashPassword } from "./password.server";
import { isDomain, parseDomains, ssoOutcome, type SsoClaims } from "./sso-policy";
import crypto from "node:crypto";

export type SsoConfig = { issuer: string; clientId: string; clientSecret: string; name: string };

/** The identity provider configured by the environment, or null when there is none. */
export function ssoConfig(env: Record<string, string | undefined> = process.env): SsoConfig | null {
  const issuer = env.OIDC_ISSUER?.trim();
  const clientId = env.OIDC_CLIENT_ID?.trim();
  const clientSecret = env.OIDC_CLIENT_SECRET?.trim();
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer, clientId, clientSecret, name: env.OIDC_NAME?.trim() || "your organisation's sign-in" };
}

const loopback = (url: URL) => ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);

let discovered: { key: string; config: Promise<client.Configuration> } | undefined;

/** The provider's configuration, discovered once (again if the discovery failed). */
function configuration(sso: SsoConfig): Promise<client.Configuration> {
  const key = `${sso.issuer}|${sso.clientId}`;
  if (discovered?.key !== key) {
    const issuer = new URL(sso.issuer);
    // Plain http only for a provider on this machine (a test's, a developer's); https elsewhere.
    const config = client.discovery(
      issuer,
      sso.clientId,
      sso.clientSecret,
      undefined,
      loopback(issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    config.catch(() => (discovered = undefined));
    discovered = { key, config };
  }
  return discovered.config;
}

/** The cookie that carries one sign-in attempt's secrets from the redirect to the callback. */
function attemptCookie() {
  return createCookie("gatepath_sso", {
    httpOnly: true,
    sameSite: "lax",
    path: "/auth/sso",
    maxAge: 600,
    secure: getEnv().isProduction,
    secrets: [getEnv().SESSION_SECRET],
  });
}

type Attempt = { verifier: string; state: string; nonce: string; redirectTo: string };

const callbackUrl = (request: Request) => new URL("/auth/sso/callback", getEnv().APP_URL ?? new URL(request.url).origin).toString();

/** Where to send the browser to sign in, and the cookie that remembers the attempt. */
export async function startSignIn(request: Request, sso: SsoConfig): Promise<{ url: string; cookie: string }> {
  const config = await configuration(sso);
  const attempt: Attempt = {
    verifier: client.randomPKCECodeVerifier(),
    state: client.randomState(),
    nonce: client.randomNonce(),
    redirectTo: safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/board"),
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(request),
    scope: "openid email profile",
    code_challenge: await client.calculatePKCECodeChallenge(attempt.verifier),
    code_challenge_method: "S256",
    state: attempt.state,
    nonce: attempt.nonce,
  });
  return { url: url.toString(), cookie: await attemptCookie().serialize(attempt) };
}

export type Settings = { ssoNewMembers: boolean; ssoDomains: string; passwordSignIn: boolean; breakGlassId: string | null };

export async function signInSettings(db: Db): Promise<Settings> {
  const row = await db.workspace.findUnique({ where: { id: 1 }, select: { ssoNewMembers: true, ssoDomains: true, passwordSignIn: true, breakGlassId: true } });
  return row ?? { ssoNewMembers: false, ssoDomains: "", passwordSignIn: true, breakGlassId: null };
}

/**
 * The provider's answer: checked, matched to an account (made when the settings allow it), and
 * the account's id with where to go; or why it is refused, in words for the sign-in page.
 */
export async function finishSignIn(db: Db, request: Request, sso: SsoConfig): Promise<Result<{ userId: string; redirectTo: string }>> {
  const attempt = (await attemptCookie().parse(request.headers.get("Cookie"))) as Attempt | null;
  if (!attempt?.verifier) return refuse(400, "This sign-in was started too long ago or in another browser. Start again.");
  const url = new URL(request.url);
  if (url.searchParams.get("error"))
    return refuse(403, `Your identity provider did not sign you in (${url.searchParams.get("error_description") ?? url.searchParams.get("error")}).`);
  let claims: client.IDToken | undefined;
  try {
    const config = await configuration(sso);
    // The answer is read at the address the provider was given (APP_URL's when set).
    const current = new URL(`${callbackUrl(request)}${url.search}`);
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: attempt.verifier,
      expectedState: attempt.state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
    // Providers that keep the email out of the ID token give it at their userinfo endpoint.
    if (claims && typeof claims.email !== "string" && tokens.access_token) {
      claims = { ...claims, ...(await client.fetchUserInfo(config, tokens.access_token, claims.sub)) };
    }
  } catch (error) {
    return refuse(400, `Your identity provider's answer could not be checked (${error instanceof Error ? error.message : "unknown error"}). Start again.`);
  }
  const settings = await signInSettings(db);
  const email = typeof claims?.email === "string" ? claims.email.trim().toLowerCase() : "";
  const account = email ? await db.user.findUnique({ where: { email }, select: { id: true, deactivatedAt: true } }) : null;
  const outcome = ssoOutcome((claims ?? {}) as SsoClaims, account && { id: account.id, deactivated: account.deactivatedAt !== null }, {
    newMembers: settings.ssoNewMembers,
    domains: parseDomains(settings.ssoDomains),
  });
  if (outcome.kind === "refuse") return refuse(403, outcome.message);
  if (outcome.kind === "sign_in") return { ok: true, userId: outcome.userId, redirectTo: attempt.redirectTo };
  // A newcomer the settings let in: a member, with a password nobody knows (they sign in through the provider).
  const passwordHash = await hashPassword(crypto.randomBytes(32).toString("base64"));
  const user = await db.$transaction(async (tx) => {
    const made = await tx.user.create({ data: { email: outcome.email, name: outcome.name, role: "member", passwordHash }, select: { id: true } });
    await writeAudit(tx, {
      actorId: made.id,
      entity: "user",
      entityId: made.id,
      action: "user.created",
      data: { email: outcome.email, role: "member", via: "single sign-on" },
    });
    return made;
  });
  return { ok: true, userId: user.id, redirectTo: attempt.redirectTo };
}

/** The cookie header that forgets the attempt. */
export async function forgetAttempt(): Promise<string> {
  return attemptCookie().serialize("", { maxAge: 0 });
}

export type SignInSettingsInput = { ssoNewMembers: boolean; ssoDomains: string; passwordSignIn: boolean; breakGlassId: string | null };

/**
 * Saves how people sign in (administrators only, checked by the caller). Passwords can be
 * switched off only with an identity provider configured and an active administrator named to
 * keep theirs; newcomers need at least one domain.
 */
export async function saveSignInSettings(db: Db, actor: { id: string }, input: SignInSettingsInput, sso: SsoConfig | null): Promise<Result> {
  const domains = parseDomains(input.ssoDomains);
  const bad = domains.find((d) => !isDomain(d));
  if (bad) return refuse(400, `"${bad}" is not an email domain like northwind.example.`, "ssoDomains");
  if (input.ssoNewMembers && domains.length === 0) return refuse(400, "Name the email domains whose people may join on their first sign-in.", "ssoDomains");
  if (!input.passwordSignIn) {
    if (!sso) return refuse(400, "Passwords can be switched off only once an identity provider is set up (OIDC_ISSUER).", "passwordSignIn");
    const keeper = input.breakGlassId ? await db.user.findUnique({ where: { id: input.breakGlassId }, select: { role: true, deactivatedAt: true } }) : null;
    if (!keeper || keeper.role !== "admin" || keeper.deactivatedAt) {
      return refuse(400, "Choose the administrator who keeps a password for when the identity provider is down.", "breakGlassId");
    }
  }
  await db.$transaction(async (tx) => {
    const data = {
      ssoNewMembers: input.ssoNewMembers,
      ssoDomains: domains.join(", "),
      passwordSignIn: input.passwordSignIn,
      breakGlassId: input.passwordSignIn ? null : input.breakGlassId,
    };
    await tx.workspace.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    await writeAudit(tx, { actorId: actor.id, entity: "workspace", entityId: "1", action: "workspace.sign_in_settings", data });
  });
  return { ok: true };
}
