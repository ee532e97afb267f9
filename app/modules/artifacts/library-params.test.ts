import { describe, expect, it } from "vitest";
import { librarySearch, parseLibraryParams } from "./library-params";

describe("library parameters", () => {
  it("reads filters and defaults", () => {
    const parsed = parseLibraryParams(new URLSearchParams("kind=prfaq&state=in_review&team=payments"));
    expect(parsed).toMatchObject({
      ok: true,
      params: { kind: "prfaq", state: "in_review", team: "payments", sort: "updated", dir: "desc", page: 1, size: 25 },
    });
  });

  it("refuses an unknown kind or sort, naming it", () => {
    expect(parseLibraryParams(new URLSearchParams("kind=memo"))).toMatchObject({ ok: false, message: expect.stringContaining('kind: Unknown kind "memo"') });
    expect(parseLibraryParams(new URLSearchParams("sort=author"))).toMatchObject({ ok: false, message: expect.stringContaining("sort") });
  });

  it("clamps page and size", () => {
    expect(parseLibraryParams(new URLSearchParams("page=-3&size=1000000"))).toMatchObject({ ok: true, params: { page: 1, size: 100 } });
  });

  it("writes a short query string", () => {
    const parsed = parseLibraryParams(new URLSearchParams("kind=coe"));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(librarySearch(parsed.params, { page: 2 })).toBe("?kind=coe&page=2");
  });
});
