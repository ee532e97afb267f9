import { describe, expect, it } from "vitest";
import { ArtifactCreateSchema, MAX_BODY_BYTES } from "./artifact-form";

const base = { kind: "project_wiki", stage: "owner", title: "Team wiki" };

function errors(input: unknown) {
  const result = ArtifactCreateSchema.safeParse(input);
  return result.success ? {} : result.error.flatten().fieldErrors;
}

describe("artifact form", () => {
  it("accepts http and https links", () => {
    expect(ArtifactCreateSchema.safeParse({ ...base, mode: "link", url: "https://wiki.example.com/team" }).success).toBe(true);
    expect(ArtifactCreateSchema.safeParse({ ...base, mode: "link", url: "http://wiki.example.com" }).success).toBe(true);
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,hi",
    "file:///etc/passwd",
    "ftp://files.example.com",
    "/relative/path",
    "wiki.example.com",
  ])("refuses the link %s, naming the field", (url) => {
    expect(errors({ ...base, mode: "link", url })).toEqual({ url: ["Use a full http:// or https:// address"] });
  });

  it("refuses a body over 200 KB, counted in bytes", () => {
    const big = "é".repeat(MAX_BODY_BYTES / 2 + 1);
    expect(errors({ ...base, kind: "prfaq", mode: "document", body: big })).toEqual({ body: ["Keep the document under 200 KB"] });
    expect(ArtifactCreateSchema.safeParse({ ...base, kind: "prfaq", mode: "document", body: "a".repeat(MAX_BODY_BYTES) }).success).toBe(true);
  });

  it("refuses an unknown kind and an empty title", () => {
    expect(errors({ ...base, kind: "memo", title: "", mode: "link", url: "https://x.example.com" })).toEqual({
      kind: ["Choose a kind from the list"],
      title: ["A title has at least 3 characters"],
    });
  });
});
