import crypto from "node:crypto";
import { passwordProblem } from "~/modules/people/password-policy.server";
import { DEMO_USERS } from "./generate";

/**
 * The demo accounts' password: DEMO_PASSWORD when it is set (and passes the password policy
 * every account gets), otherwise a random one that the caller prints once. No demo ever
 * starts with a password anyone could read in the README.
 */
export function demoPassword(fromEnv: string | undefined): { ok: true; password: string; generated: boolean } | { ok: false; message: string } {
  if (fromEnv !== undefined && fromEnv !== "") {
    // Every demo account shares it: none of their addresses or names may be in it.
    const problem = passwordProblem(fromEnv, { also: DEMO_USERS.flatMap((u) => [u.email, u.name]) });
    if (problem) return { ok: false, message: `DEMO_PASSWORD does not pass the password policy: ${problem}` };
    return { ok: true, password: fromEnv, generated: false };
  }
  // 15 random bytes: 20 characters of base64url, about 120 bits.
  return { ok: true, password: crypto.randomBytes(15).toString("base64url"), generated: true };
}
