import { describe, expect, it } from "vitest";
import { MIN_PASSWORD_LENGTH, passwordProblem } from "./password-policy.server";

describe("passwordProblem", () => {
  it("refuses short passwords, naming the minimum", () => {
    expect(passwordProblem("x")).toBe(`Use at least ${MIN_PASSWORD_LENGTH} characters.`);
    expect(passwordProblem("a".repeat(MIN_PASSWORD_LENGTH - 1))).toMatch(/at least/);
  });

  it("refuses common passwords whatever their case, even long ones", () => {
    expect(passwordProblem("passwordpassword")).toMatch(/common passwords/);
    expect(passwordProblem("PasswordPassword")).toMatch(/common passwords/);
    expect(passwordProblem("123456789012")).toMatch(/common passwords/);
  });

  it("refuses a password of one or two repeated characters", () => {
    expect(passwordProblem("aaaaaaaaaaaaaaaa")).toMatch(/different characters/);
    expect(passwordProblem("abababababababab")).toMatch(/different characters/);
  });

  it("refuses a password built from the email address", () => {
    expect(passwordProblem("priya.shah-2026!", { email: "priya.shah@example.com" })).toMatch(/email/);
  });

  it("accepts a long, uncommon password", () => {
    expect(passwordProblem("correct-horse-battery-staple")).toBeNull();
    expect(passwordProblem("e2e-demo-password")).toBeNull();
  });

  it("refuses what is too long to hash sensibly", () => {
    expect(passwordProblem("x1y2z3".repeat(40))).toMatch(/at most/);
  });
});
