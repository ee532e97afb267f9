import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { digestEmail, immediateEmail } from "./email";
import { backoffMs, digestDueDate, emailModeOf, localClock, NotificationSettingsSchema } from "./kinds";

describe("a person's email mode", () => {
  it("is their choice, else the kind's default: what asks something of me at once, the rest in the digest", () => {
    expect(emailModeOf("request", new Map())).toBe("now");
    expect(emailModeOf("decision", new Map())).toBe("digest");
    expect(emailModeOf("decision", new Map([["decision", "off"]]))).toBe("off");
    // A value that is not a mode (an old or hand-written row) falls back to the default.
    expect(emailModeOf("mention", new Map([["mention", "sometimes"]]))).toBe("now");
  });
});

describe("the daily digest's hour", () => {
  it("is the hour on the person's own clock, across a change of summer time", () => {
    // 07:30 UTC is 08:30 in Paris in winter, 09:30 in summer.
    expect(localClock(new Date("2031-01-15T07:30:00Z"), "Europe/Paris")).toEqual({ date: "2031-01-15", hour: 8 });
    expect(localClock(new Date("2031-07-15T07:30:00Z"), "Europe/Paris")).toEqual({ date: "2031-07-15", hour: 9 });
    expect(digestDueDate(new Date("2031-01-15T07:30:00Z"), "Europe/Paris", 9)).toBeNull();
    expect(digestDueDate(new Date("2031-07-15T07:30:00Z"), "Europe/Paris", 9)).toBe("2031-07-15");
  });

  it("names the person's local date, which may be another than UTC's", () => {
    // 23:30 UTC on the 3rd is 08:30 on the 4th in Tokyo, 13:30 on the 3rd in Honolulu.
    const at = new Date("2031-03-03T23:30:00Z");
    expect(digestDueDate(at, "Asia/Tokyo", 8)).toBe("2031-03-04");
    expect(digestDueDate(at, "Pacific/Honolulu", 8)).toBe("2031-03-03");
    expect(digestDueDate(at, "Pacific/Honolulu", 14)).toBeNull();
  });

  it("is due from its hour until midnight, never before, in any zone", () => {
    const zones = ["UTC", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham", "America/Los_Angeles"];
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2020-01-01"), max: new Date("2040-01-01"), noInvalidDate: true }),
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 23 }),
        (now, zone, hour) => {
          const local = localClock(now, zone);
          expect(digestDueDate(now, zone, hour)).toBe(local.hour >= hour ? local.date : null);
          expect(local.hour).toBeGreaterThanOrEqual(0);
          expect(local.hour).toBeLessThan(24);
        },
      ),
    );
  });
});

describe("backoff", () => {
  it("doubles from the base and stops at the cap", () => {
    expect([1, 2, 3, 4, 5, 10].map((n) => backoffMs(n, 60_000, 3_600_000))).toEqual([60_000, 120_000, 240_000, 480_000, 960_000, 3_600_000]);
  });
});

describe("the settings form", () => {
  it("names each field that is wrong", () => {
    const result = NotificationSettingsSchema.safeParse({ request: "now", mention: "loud", digestHour: "25", timeZone: "Mars/Olympus" });
    const fields = result.success ? [] : result.error.issues.map((i) => i.path.join("."));
    expect(fields).toEqual(expect.arrayContaining(["mention", "role", "digestHour", "timeZone"]));
  });
});

describe("the emails", () => {
  it("an immediate one: its subject is what happened, the link is absolute, and it says how to stop it", () => {
    const mail = immediateEmail({
      name: "Dana",
      item: { kind: "request", title: "Ana asks you to decide the Plan gate of GP-7", href: "/projects/GP-7#gate" },
      appUrl: "https://gatepath.example.com",
      unsubscribeUrl: "https://gatepath.example.com/notifications/unsubscribe?u=1&k=request&s=x",
    });
    expect(mail.subject).toBe("Ana asks you to decide the Plan gate of GP-7");
    expect(mail.text).toContain("Open it in Gatepath: https://gatepath.example.com/projects/GP-7#gate");
    expect(mail.text).toContain("Stop these emails: https://gatepath.example.com/notifications/unsubscribe?u=1&k=request&s=x");
  });

  it("a digest groups its items by kind in the settings' order", () => {
    const mail = digestEmail({
      name: "Tomoko",
      date: "2031-03-04",
      items: [
        { kind: "comment", title: "Sam commented on your document “Returns”", href: "/artifacts/a1" },
        { kind: "decision", title: "GP-1 Alpha: Go", href: "/projects/GP-1/history" },
      ],
      appUrl: "http://localhost:3000/",
      unsubscribeUrl: "http://localhost:3000/notifications/unsubscribe?k=digest",
    });
    expect(mail.subject).toBe("Gatepath digest for 2031-03-04: 2 notifications");
    expect(mail.text.indexOf("GP-1 Alpha: Go")).toBeLessThan(mail.text.indexOf("Sam commented"));
    expect(mail.text).toContain("  http://localhost:3000/artifacts/a1");
  });
});
