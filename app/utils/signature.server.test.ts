import { describe, expect, it } from "vitest";
import { sign, signedBy } from "./signature.server";

describe("sign and signedBy", () => {
  const secret = "s".repeat(32);
  it("accept their own signature and refuse a changed payload, purpose or secret", () => {
    const signature = sign(secret, "unsubscribe", "u1:comment");
    expect(signedBy(secret, "unsubscribe", "u1:comment", signature)).toBe(true);
    expect(signedBy(secret, "unsubscribe", "u1:mention", signature)).toBe(false);
    expect(signedBy(secret, "api cursor", "u1:comment", signature)).toBe(false);
    expect(signedBy("t".repeat(32), "unsubscribe", "u1:comment", signature)).toBe(false);
  });
  it("refuse a signature of another length or none without throwing", () => {
    expect(signedBy(secret, "device", "x", "")).toBe(false);
    expect(signedBy(secret, "device", "x", `${sign(secret, "device", "x")}A`)).toBe(false);
  });
});
