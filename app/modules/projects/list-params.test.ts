import { describe, expect, it } from "vitest";
import { listSearch, parseListParams } from "./list-params";

const parse = (qs: string) => parseListParams(new URLSearchParams(qs));

describe("list parameters", () => {
  it("fills defaults for an empty query", () => {
    expect(parse("")).toEqual({
      ok: true,
      params: {
        q: undefined,
        stage: undefined,
        status: undefined,
        team: undefined,
        owner: undefined,
        mine: undefined,
        sort: "key",
        dir: "asc",
        group: undefined,
        page: 1,
        size: 25,
      },
    });
  });

  it("reads every filter", () => {
    const result = parse("q=%20refunds%20&stage=plan&status=on_hold&team=payments&owner=u1&mine=1&sort=days&dir=desc&group=team&page=3&size=50");
    expect(result).toEqual({
      ok: true,
      params: {
        q: "refunds",
        stage: "plan",
        status: "on_hold",
        team: "payments",
        owner: "u1",
        mine: "involved",
        sort: "days",
        dir: "desc",
        group: "team",
        page: 3,
        size: 50,
      },
    });
  });

  it('reads whose projects: "I own", "I decide", "I\'m involved" (the old mine=1), and refuses anything else', () => {
    expect(parse("mine=own")).toMatchObject({ ok: true, params: { mine: "own" } });
    expect(parse("mine=decide")).toMatchObject({ ok: true, params: { mine: "decide" } });
    expect(parse("mine=involved")).toMatchObject({ ok: true, params: { mine: "involved" } });
    expect(parse("mine=true")).toMatchObject({ ok: true, params: { mine: "involved" } });
    expect(parse("mine=everything")).toMatchObject({ ok: false, errors: { mine: expect.stringMatching(/Unknown mine "everything"/) } });
  });

  it("moves a page size or page out of range to the nearest valid value", () => {
    expect(parse("size=1000000&page=-4")).toMatchObject({ ok: true, params: { size: 100, page: 1 } });
    expect(parse("size=0&page=abc")).toMatchObject({ ok: true, params: { size: 1, page: 1 } });
    expect(parse("size=2.7")).toMatchObject({ ok: true, params: { size: 2 } });
  });

  it("refuses an unknown sort column, stage, status or grouping, naming the parameter", () => {
    const result = parse("sort=password&stage=launch&status=zombie&group=color&dir=up");
    expect(result.ok).toBe(false);
    expect(result.ok ? {} : Object.keys(result.errors).sort()).toEqual(["dir", "group", "sort", "stage", "status"]);
    expect(result.ok ? "" : result.errors.sort).toMatch(/^Unknown sort column "password"; use one of key, title/);
  });

  it("caps a long search text", () => {
    expect(parse(`q=${"x".repeat(500)}`)).toMatchObject({ ok: true, params: { q: "x".repeat(200) } });
  });

  it("writes a query string without the defaults", () => {
    const parsed = parse("stage=plan&sort=key&dir=asc&page=1&size=25");
    expect(parsed.ok && listSearch(parsed.params)).toBe("?stage=plan");
    expect(parsed.ok && listSearch(parsed.params, { page: 2, sort: "title" })).toBe("?stage=plan&sort=title&page=2");
    expect(listSearch({})).toBe("");
  });
});
