import { describe, expect, it } from "vitest";
import { problemsToErrors, refuse, refuseAll } from "./result";

describe("refusals", () => {
  it("groups problems by field, with whole-form ones apart, in the order given", () => {
    expect(
      problemsToErrors([
        { field: "rationale", message: "a" },
        { field: null, message: "b" },
        { field: "rationale", message: "c" },
      ]),
    ).toEqual({ fieldErrors: { rationale: ["a", "c"] }, formErrors: ["b"] });
  });

  it("a refusal of several problems carries each and says them all", () => {
    const problems = [
      { code: "x", field: "kind", message: "Choose a kind." },
      { code: "y", field: null, message: "Reload." },
    ];
    expect(refuseAll(400, problems)).toEqual({ ok: false, status: 400, message: "Choose a kind. Reload.", problems });
  });

  it("a refusal names its field only when it has one", () => {
    expect(refuse(409, "Changed meanwhile.")).toEqual({ ok: false, status: 409, message: "Changed meanwhile." });
    expect(refuse(400, "Too long.", "title")).toEqual({ ok: false, status: 400, message: "Too long.", field: "title" });
  });
});
