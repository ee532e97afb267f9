// The device cookie of OWASP's "Slow down online guessing attacks with device cookies": a
// browser that has signed in to an account gets a signed cookie naming that account and a
// random device id. Sign-in attempts that carry one valid for the address they try are counted
// per device instead of per account, so an attacker who fails on purpose from many addresses
// locks out only unknown clients, never a browser the person has used (README "Security").
import crypto from "node:crypto";
import { sign, signedBy } from "~/utils/signature.server";

export const DEVICE_COOKIE = "__gatepath_device";
const MAX_AGE_S = 365 * 24 * 60 * 60;

const mac = (secret: string, payload: string) => sign(secret, "device", payload);

/** The account an address names, as the cookie holds it (a hash: the cookie does not show the address). */
function accountOf(email: string, secret: string): string {
  return mac(secret, `account:${email.trim().toLowerCase()}`).slice(0, 22);
}

/** A Set-Cookie value for a browser that just signed in as `email`: sent back only to /login. */
export function deviceCookie(email: string, secret: string, secure: boolean): string {
  const payload = `${crypto.randomBytes(16).toString("base64url")}.${accountOf(email, secret)}`;
  return `${DEVICE_COOKIE}=${payload}.${mac(secret, payload)}; Path=/login; Max-Age=${MAX_AGE_S}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** The device id of a valid device cookie for `email` in a Cookie header, or null. */
export function deviceFor(cookieHeader: string | undefined, email: string, secret: string): string | null {
  if (!cookieHeader || !email) return null;
  for (const part of cookieHeader.split(";")) {
    const [name, value] = part.trim().split("=", 2);
    if (name !== DEVICE_COOKIE || !value) continue;
    const [device, account, signature] = value.split(".");
    if (!device || !account || !signature) continue;
    if (!signedBy(secret, "device", `${device}.${account}`, signature)) continue;
    if (account === accountOf(email, secret)) return device;
  }
  return null;
}
