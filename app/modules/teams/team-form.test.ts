import { describe, expect, it } from "vitest";
import { teamSlug } from "./team-form";

describe("teamSlug", () => {
  it.each([
    ["Fulfilment", "fulfilment"],
    ["Returns & Refunds", "returns-refunds"],
    ["  Café Payments ", "cafe-payments"],
    ["***", "team"],
    ["A".repeat(39) + " tail", "a".repeat(39)],
  ])("%j becomes %j", (name, slug) => {
    expect(teamSlug(name)).toBe(slug);
  });
});
