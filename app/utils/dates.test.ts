import { describe, expect, it } from "vitest";
import { formatDay, formatInstant, isTimeZone } from "./dates";

describe("dates", () => {
  it("a calendar date is the same day in every zone, however it is stored", () => {
    expect(formatDay("2026-11-30")).toBe("30 Nov 2026");
    expect(formatDay(new Date("2026-11-30T00:00:00Z"))).toBe("30 Nov 2026");
    expect(formatDay("2026-11-30T00:00:00.000Z", "long")).toBe("Monday, 30 November 2026");
    expect(formatDay("2026-11-01", "month")).toBe("Nov 2026");
  });

  it("an instant is shown in the person's zone, with the zone named when the time is", () => {
    const at = "2026-12-01T02:30:00Z";
    expect(formatInstant(at, "UTC")).toBe("1 Dec 2026");
    expect(formatInstant(at, "America/Los_Angeles")).toBe("30 Nov 2026");
    expect(formatInstant(at, "Asia/Tokyo", { time: true })).toBe("1 Dec 2026, 11:30 GMT+9");
    expect(formatInstant(at, "Mars/Olympus", { time: true })).toBe("1 Dec 2026, 02:30 UTC");
  });

  it("knows a real zone from a made-up one", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});
