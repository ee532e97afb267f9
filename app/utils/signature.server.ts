// One way to sign a short value Gatepath hands out and later takes back (an unsubscribe link,
// an API cursor, the device cookie): an HMAC-SHA-256 under a key derived from the server's
// secret and the purpose, so a signature made for one purpose is never valid for another.
import crypto from "node:crypto";

const keyFor = (secret: string, purpose: string) => crypto.createHmac("sha256", secret).update(`gatepath ${purpose}`).digest();

/** The base64url signature of `payload` for `purpose`. */
export function sign(secret: string, purpose: string, payload: string): string {
  return crypto.createHmac("sha256", keyFor(secret, purpose)).update(payload).digest("base64url");
}

/** Whether `signature` is the one `sign` makes for this purpose and payload (compared in constant time). */
export function signedBy(secret: string, purpose: string, payload: string, signature: string): boolean {
  const expected = Buffer.from(sign(secret, purpose, payload));
  const given = Buffer.from(signature);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
