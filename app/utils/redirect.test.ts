import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirect";

// Known open-redirect bypasses (OWASP's and PortSwigger's lists, and the tab found in issue 10):
// each must fall back to the default instead of leaving the site.
const BYPASSES = [
  "//evil.example",
  "///evil.example",
  "////evil.example/",
  "/\\evil.example",
  "\\\\evil.example",
  "/\t/evil.example/phish",
  "/%09/evil.example/phish",
  "/%0a/evil.example",
  "/%0d/evil.example",
  "/%00/evil.example",
  "/%20/evil.example",
  "/ /evil.example",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "%2F%2Fevil.example",
  "/%5Cevil.example",
  "/%5cevil.example",
  "/%252F%252Fevil.example",
  "/%25252F%25252Fevil.example",
  "/%E3%80%80/evil.example",
  "/\u3000/evil.example",
  "/\u00a0/evil.example",
  "/\ufeff/evil.example",
  "https://evil.example",
  "http:evil.example",
  "http:/evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "evil.example",
  "@evil.example",
  "/board\nSet-Cookie: x=1",
  "/board\r\nLocation: https://evil.example",
  " /board",
  "",
  // Dot segments that collapse into a protocol-relative address once resolved (issue 23).
  "/..//evil.example",
  "/.//evil.example",
  "/board/..//evil.example",
  "/%2e%2e//evil.example",
  "/%2E%2E//evil.example",
  "/.%2e//evil.example",
  "/%2e//evil.example",
  "/a/b/../..//evil.example",
  "/..//evil.example/../",
  "/../%2e%2e//evil.example",
];

describe("safeRedirectPath", () => {
  it.each(BYPASSES)("refuses %j", (to) => {
    expect(safeRedirectPath(to, "/board")).toBe("/board");
  });

  it("refuses what is not a string, and very long values", () => {
    expect(safeRedirectPath(undefined)).toBe("/board");
    expect(safeRedirectPath(null)).toBe("/board");
    expect(safeRedirectPath(["/projects"])).toBe("/board");
    expect(safeRedirectPath(`/${"a".repeat(3000)}`)).toBe("/board");
  });

  it("keeps paths on this site with their query and fragment", () => {
    expect(safeRedirectPath("/projects/GP-1")).toBe("/projects/GP-1");
    expect(safeRedirectPath("/projects?q=checkout%20flow&sort=-updated#top")).toBe("/projects?q=checkout%20flow&sort=-updated#top");
    expect(safeRedirectPath("/metrics/abc?from=2026-01-05")).toBe("/metrics/abc?from=2026-01-05");
  });

  it("resolves dot segments without leaving the site", () => {
    expect(safeRedirectPath("/projects/../board")).toBe("/board");
    expect(safeRedirectPath("/../../board")).toBe("/board");
  });

  it("returns a path that resolves to this site, whatever it is given", () => {
    const base = new URL("https://gatepath.example:8443");
    const piece = fc.constantFrom(
      "/",
      "//",
      "..",
      ".",
      "%2e",
      "%2E",
      "%2f",
      "%5c",
      "\\",
      "%09",
      "@",
      ":",
      "?",
      "#",
      "evil.example",
      "board",
      "%25",
      "%",
      "\t",
      " ",
      "http:",
      "&",
    );
    const target = fc.oneof(
      fc.array(piece, { maxLength: 12 }).map((parts) => parts.join("")),
      fc.webUrl(),
      fc.webPath(),
      fc.string(),
    );
    fc.assert(
      fc.property(target, (to) => {
        const result = safeRedirectPath(to, "/board");
        expect(new URL(result, base).origin).toBe(base.origin);
        // What it returns is already normal: judging it again keeps it.
        expect(safeRedirectPath(result, "/fallback")).toBe(result);
      }),
      { numRuns: 5000 },
    );
  });

  it("uses the fallback it is given", () => {
    expect(safeRedirectPath("//evil.example", "/inbox")).toBe("/inbox");
  });
});
