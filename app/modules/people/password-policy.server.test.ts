import { describe, expect, it } from "vitest";
import { MIN_PASSWORD_LENGTH, passwordProblem, userInputs } from "./password-policy.server";

const demoAdmin = { email: "admin@example.com", name: "Ada Admin", organisation: "Northwind Logistics" };

describe("passwordProblem", () => {
  it("refuses short passwords, naming the minimum", () => {
    expect(passwordProblem("x")).toBe(`Use at least ${MIN_PASSWORD_LENGTH} characters.`);
    expect(passwordProblem("a".repeat(MIN_PASSWORD_LENGTH - 1))).toMatch(/at least/);
  });

  // Each of these passed the old policy (issue 23), and each signs in as someone in minutes.
  it.each([
    ["the password this README once published", "gatepath-demo", {}],
    ["the administrator's own address", "admin@example.com", demoAdmin],
    ["a common password with a capital and a symbol", "Password123!", {}],
    ["a near miss of a common password", "changeme1234", {}],
    ["a common password with digits", "welcome12345", {}],
    ["the product's name and the year", "Gatepath2026!", {}],
    ["the organisation's name and the year", "Northwind2026!", demoAdmin],
    ["the person's name", "AdaAdmin2026", demoAdmin],
    ["common passwords whatever their case, even long ones", "PasswordPassword", {}],
    ["digits in a row", "123456789012", {}],
    ["a keyboard walk", "qwertyuiop[]", {}],
    ["one or two repeated characters", "abababababababab", {}],
  ])("refuses %s, saying why in words", (_what, password, context) => {
    const problem = passwordProblem(password, context);
    expect(problem).toMatch(/^This password is too easy to guess\. .+/);
  });

  it("says what is wrong and what to do", () => {
    expect(passwordProblem("admin@example.com", demoAdmin)).toMatch(/personal or page related data/);
    expect(passwordProblem("Password123!")).toMatch(/commonly used password/);
  });

  it("accepts long, uncommon passwords, including the suites' own", () => {
    for (const password of ["correct-horse-battery-staple", "e2e-demo-password", "fuzz-demo-password", "pallet-ramp-quietly-42", "kZ8#qv2!Lp9w"]) {
      expect(passwordProblem(password, demoAdmin), password).toBeNull();
    }
  });

  it("refuses what is too long to hash sensibly", () => {
    expect(passwordProblem("x1y2z3".repeat(40))).toMatch(/at most/);
  });
});

describe("userInputs", () => {
  it("counts the product's words and the person's address, name and organisation, whole and in parts", () => {
    expect(userInputs(demoAdmin)).toEqual([
      "gatepath",
      "demo",
      "gate",
      "path",
      "admin@example.com",
      "adminexamplecom",
      "admin",
      "example",
      "com",
      "ada admin",
      "adaadmin",
      "ada",
      "northwind logistics",
      "northwindlogistics",
      "northwind",
      "logistics",
    ]);
    expect(userInputs({})).toEqual(["gatepath", "demo", "gate", "path"]);
  });
});
