// Sign-in tells nothing about who has an account (issue 10): a known address with a wrong
// password, an unknown address and a deactivated account each cost exactly one argon2 verify
// against a hash made with the same parameters, and get the same answer.
import * as argon2 from "@node-rs/argon2";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { hashPassword } from "~/modules/people/password.server";
import { verifyLogin } from "~/modules/people/users.server";
import type { Db } from "~/utils/db.server";
import { withTestDb } from "../factories";

vi.mock("@node-rs/argon2", async (original) => {
  const actual = await original<typeof import("@node-rs/argon2")>();
  return { ...actual, verify: vi.fn(actual.verify) };
});

const t = withTestDb();
let db: Db;
let storedHash: string;
const verify = vi.mocked(argon2.verify);
/** The algorithm, version and cost parameters of a PHC string: everything but salt and digest. */
const parameters = (hash: string) => hash.split("$").slice(0, 4).join("$");

beforeAll(async () => {
  db = t.db;
  storedHash = await hashPassword("the-right-password-1");
  await db.user.create({ data: { email: "known@example.com", name: "Known", passwordHash: storedHash } });
  await db.user.create({ data: { email: "gone@example.com", name: "Gone", passwordHash: storedHash, deactivatedAt: new Date() } });
});

beforeEach(() => {
  verify.mockClear();
});

describe("verifyLogin", () => {
  it("does one verify with the same parameters for a known, an unknown and a deactivated address", async () => {
    const seen: string[] = [];
    for (const email of ["known@example.com", "unknown@example.com", "gone@example.com"]) {
      verify.mockClear();
      expect(await verifyLogin(db, email, "a-wrong-password")).toBeNull();
      expect(verify).toHaveBeenCalledTimes(1);
      seen.push(parameters(verify.mock.calls[0]![0] as string));
    }
    expect(seen).toEqual([parameters(storedHash), parameters(storedHash), parameters(storedHash)]);
    expect(parameters(storedHash)).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+$/);
  });

  it("signs in the active account with the right password only, whatever the case of the address", async () => {
    expect(await verifyLogin(db, "KNOWN@example.com", "the-right-password-1")).toMatchObject({ email: "known@example.com" });
    expect(await verifyLogin(db, "gone@example.com", "the-right-password-1")).toBeNull();
  });
});
