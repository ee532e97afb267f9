import { describe, expect, it } from "vitest";
import { demoPassword } from "./demo-password.server";

describe("demoPassword", () => {
  it("refuses a DEMO_PASSWORD anyone could guess: the one this README once published, a demo account's address or name (issue 23)", () => {
    for (const guessable of ["gatepath-demo", "admin@example.com", "AdaAdmin2026!", "Password123!"]) {
      expect(demoPassword(guessable), guessable).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^DEMO_PASSWORD does not pass the password policy: This password is too easy to guess/),
      });
    }
  });

  it("takes a strong one as given, and makes a random one when none is given", () => {
    expect(demoPassword("pallet-ramp-quietly-42")).toEqual({ ok: true, password: "pallet-ramp-quietly-42", generated: false });
    const made = demoPassword(undefined);
    expect(made).toMatchObject({ ok: true, generated: true });
    expect(made.ok && made.password).toMatch(/^[\w-]{20}$/);
  });
});
