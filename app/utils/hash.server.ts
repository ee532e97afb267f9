import crypto from "node:crypto";

/** The SHA-256 of a text as hex: how secrets handed out once (tokens, links) are kept, and how the audit chain links. */
export function sha256Hex(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}

/** A secret for a one-time link or token: 24 random bytes, URL-safe (32 characters). */
export function randomSecret(): string {
  return crypto.randomBytes(24).toString("base64url");
}
