import { describe, expect, it } from "vitest";
import { bodyRuleFor, checkBody, checkHead, crossSiteReason, jsonProblem, loginEmail, prototypeFieldName, queryProblem } from "./request-guard";

/** Just what the guard reads of an Express request. */
function req(over: { method?: string; path?: string; headers?: Record<string, string> } = {}) {
  const headers = Object.fromEntries(Object.entries({ host: "gatepath.test:3000", ...over.headers }).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    method: over.method ?? "POST",
    path: over.path ?? "/projects/new",
    protocol: "http",
    get: (name: string) => headers[name.toLowerCase()],
  } as Parameters<typeof checkHead>[0];
}
const form = { "content-type": "application/x-www-form-urlencoded" };

describe("checkHead", () => {
  it("lets a same-origin form post through", () => {
    expect(checkHead(req({ headers: { ...form, origin: "http://gatepath.test:3000" } }))).toBeNull();
    expect(checkHead(req({ headers: form }))).toBeNull();
  });

  it("refuses methods other than POST with a 405", () => {
    expect(checkHead(req({ method: "PUT", headers: form }))).toMatchObject({ status: 405 });
    expect(checkHead(req({ method: "DELETE" }))).toMatchObject({ status: 405 });
  });

  it("compares the origin's scheme, host and port", () => {
    for (const origin of ["https://gatepath.test:3000", "http://gatepath.test:3001", "http://gatepath.test", "http://evil.example:3000", "null"]) {
      expect(checkHead(req({ headers: { ...form, origin } }))).toMatchObject({ status: 403, message: expect.stringMatching(/^Cross-site request refused/) });
    }
    expect(crossSiteReason(req({ headers: { "sec-fetch-site": "cross-site" } }))).toMatch(/another site/);
    expect(crossSiteReason(req({ headers: { "sec-fetch-site": "same-origin" } }))).toBeNull();
  });

  it("with no Origin and no fetch metadata, refuses a Referer from another origin or one it cannot read (issue 23)", () => {
    for (const referer of [
      "https://evil.example/page",
      "http://gatepath.test:3001/board",
      "https://gatepath.test:3000/board",
      "not a url",
      "file:///etc/passwd",
    ]) {
      expect(crossSiteReason(req({ headers: { referer } })), referer).toMatch(/^Cross-site request refused/);
    }
    expect(crossSiteReason(req({ headers: { referer: "http://gatepath.test:3000/projects/GP-1?tab=plan" } }))).toBeNull();
    expect(crossSiteReason(req({ headers: { referer: "HTTP://GatePath.test:3000/board" } }))).toBeNull();
    expect(crossSiteReason(req({ headers: {} }))).toBeNull();
  });

  it("does not ask the token-authenticated API for an origin", () => {
    expect(checkHead(req({ path: "/api/v1/values", headers: { "content-type": "application/json", origin: "https://elsewhere.example" } }))).toBeNull();
  });

  it("refuses the wrong content type with a 415 and a multipart body without a boundary with a 400", () => {
    expect(checkHead(req({ path: "/login", headers: { "content-type": "application/json" } }))).toMatchObject({ status: 415 });
    expect(checkHead(req({ path: "/login", headers: { "content-type": "text/plain" } }))).toMatchObject({ status: 415 });
    expect(checkHead(req({ path: "/api/v1/values", headers: form }))).toMatchObject({ status: 415 });
    expect(checkHead(req({ headers: { "content-type": "multipart/form-data" } }))).toMatchObject({ status: 400, message: expect.stringMatching(/boundary/) });
  });

  it("refuses a declared length over the route's limit, and one that is not a number", () => {
    expect(checkHead(req({ headers: { ...form, "content-length": String(64 * 1024 + 1) } }))).toMatchObject({ status: 413 });
    expect(checkHead(req({ headers: { ...form, "content-length": String(64 * 1024) } }))).toBeNull();
    expect(checkHead(req({ path: "/artifacts/a1/edit", headers: { ...form, "content-length": String(900 * 1024) } }))).toBeNull();
    expect(checkHead(req({ headers: { ...form, "content-length": "12abc" } }))).toMatchObject({ status: 400 });
  });
});

describe("bodyRuleFor", () => {
  it("gives each route its documented limit", () => {
    expect(bodyRuleFor("/login")).toMatchObject({ kind: "form", limit: 64 * 1024 });
    expect(bodyRuleFor("/api/v1/metrics/m1/values")).toMatchObject({ kind: "json", limit: 5 * 1024 * 1024 });
    expect(bodyRuleFor("/projects/GP-1/metrics/import").limit).toBeGreaterThan(10 * 1024 * 1024);
    expect(bodyRuleFor("/projects/GP-1/artifacts/new").limit).toBe(1024 * 1024);
    expect(bodyRuleFor("/playbook").limit).toBe(1024 * 1024);
    expect(bodyRuleFor("/playbook/plan").limit).toBe(64 * 1024);
  });
});

describe("checkBody", () => {
  const check = (body: string, headers: Record<string, string> = form, path = "/projects/new") => checkBody(req({ path, headers }), Buffer.from(body));

  it("refuses prototype-named fields and intents, anywhere in a field's path", async () => {
    expect(await check("__proto__=1")).toMatchObject({ status: 400, message: expect.stringMatching(/"__proto__"/) });
    expect(await check("title=x&a.constructor.b=1")).toMatchObject({ status: 400 });
    expect(await check("x[prototype]=1")).toMatchObject({ status: 400 });
    expect(await check("intent=__defineGetter__")).toEqual({ status: 400, message: "Unknown action." });
    expect(await check("intent=constructor")).toMatchObject({ status: 400 });
    expect(await check("title=__proto__&intent=decide")).toBeNull();
  });

  it("refuses a multipart body that cannot be parsed, and reads one that can", async () => {
    const type = { "content-type": "multipart/form-data; boundary=XYZ" };
    expect(await check('--XYZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nunfinished', type)).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^The form could not be read/),
    });
    expect(await check('--XYZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nDone\r\n--XYZ--\r\n', type)).toBeNull();
  });

  it("refuses a body with no content type", async () => {
    expect(await check("title=x", {})).toMatchObject({ status: 415 });
    expect(await check("", {})).toBeNull();
  });

  it("refuses API bodies that are not JSON, or carry prototype keys or lone surrogates", async () => {
    const json = { "content-type": "application/json" };
    expect(await check("{", json, "/api/v1/values")).toEqual({ status: 400, message: "The body is not JSON." });
    expect(await check('{"values":[{"__proto__":{"x":1}}]}', json, "/api/v1/values")).toMatchObject({
      status: 400,
      message: expect.stringMatching(/values\[0\] has a key named "__proto__"/),
    });
    expect(await check('{"values":[{"value":"\\udc00"}]}', json, "/api/v1/values")).toMatchObject({
      status: 400,
      message: expect.stringMatching(/values\[0\]\.value is not valid Unicode/),
    });
    expect(await check('{"values":[{"metricId":"m","periodStart":"2026-11-16","value":1,"note":"😀"}]}', json, "/api/v1/values")).toBeNull();
  });

  it("refuses text no database column can hold: a NUL character in a JSON string or a form field", async () => {
    const json = { "content-type": "application/json" };
    expect(await check('{"values":[{"metricId":"a\\u0000b"}]}', json, "/api/v1/values")).toMatchObject({
      status: 400,
      message: expect.stringMatching(/values\[0\]\.metricId holds the NUL character/),
    });
    expect(await check("title=a%00b&intent=save", form)).toEqual({
      status: 400,
      message: 'The field "title" holds the NUL character, which no text can hold.',
    });
    expect(await check("title=a%20b&intent=save", form)).toBeNull();
  });
});

describe("queryProblem", () => {
  it("refuses a query string with a NUL character or a lone surrogate, and passes any other", () => {
    expect(queryProblem("/search?q=a%00b")).toEqual({ status: 400, message: 'The parameter "q" holds the NUL character, which no text can hold.' });
    expect(queryProblem("/search?q=%ED%B0%80")).toBeNull(); // invalid UTF-8 decodes to U+FFFD, which is storable
    expect(queryProblem("/projects?q=caf%C3%A9&page=2")).toBeNull();
    expect(queryProblem("/projects")).toBeNull();
  });
});

describe("prototypeFieldName and jsonProblem", () => {
  it("accept ordinary names and values", () => {
    expect(prototypeFieldName(["title", "milestones[0].title", "intent"])).toBeNull();
    expect(jsonProblem({ values: [{ metricId: "m", value: 1 }] })).toBeNull();
  });
});

describe("loginEmail", () => {
  it("reads the address a sign-in names, normalised as sign-in reads it, whatever the form's encoding (issue 23)", async () => {
    expect(await loginEmail("application/x-www-form-urlencoded", Buffer.from("email=%20Ann%40Example.COM%20&password=x"))).toBe("ann@example.com");
    const multipart = new FormData();
    multipart.append("email", " Bob@Example.com");
    multipart.append("password", "x");
    const encoded = new Response(multipart);
    const body = Buffer.from(await encoded.arrayBuffer());
    expect(await loginEmail(encoded.headers.get("content-type")!, body)).toBe("bob@example.com");
    expect(await loginEmail("multipart/form-data; boundary=x", Buffer.from("..."))).toBe("");
    expect(await loginEmail(undefined, undefined)).toBe("");
  });
});
