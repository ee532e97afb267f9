import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { completions, handleOf, mentionAtCaret, mentionedHandles, resolveMentions } from "./mentions";

const people = [
  { id: "1", name: "Ada Lovelace", email: "ada@example.com" },
  { id: "2", name: "Grace Hopper", email: "grace@example.com" },
  { id: "3", name: "Grace Other", email: "grace@other.org" },
];

describe("mentions", () => {
  it("reads handles after an @ that starts a word, not addresses, code or a sentence's full stop", () => {
    expect(mentionedHandles("Thanks @Ada. Ask @grace@other.org, not bob@example.com; `@code` and\n```\n@block\n```\n(@ada)")).toEqual([
      "ada",
      "grace@other.org",
    ]);
  });

  it("resolves each mention to one person, and names the ones that fit nobody or several", () => {
    expect(resolveMentions("@ada and @grace@example.com and @ada again", people)).toEqual({ ids: ["1", "2"], problems: [] });
    expect(resolveMentions("@grace and @nobody", people).problems).toEqual([
      { handle: "grace", why: "ambiguous" },
      { handle: "nobody", why: "nobody" },
    ]);
  });

  it("mentions every person by their handle, whatever else the text says", () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...people.slice(0, 1)), fc.string(), (before, person, after) => {
        const body = `${before} @${handleOf(person.email)} ${after}`;
        if (/`/.test(body)) return; // code spans quote, not mention
        expect(resolveMentions(body, people).ids).toContain(person.id);
      }),
    );
  });

  it("completes from handles and names, at the caret only", () => {
    expect(completions("gr", people).map((p) => p.id)).toEqual(["2", "3"]);
    expect(completions("love", people).map((p) => p.id)).toEqual(["1"]);
    expect(mentionAtCaret("Ask @gr", 7)).toEqual({ start: 4, typed: "gr" });
    expect(mentionAtCaret("mail bob@ex", 11)).toBeNull();
    expect(mentionAtCaret("Ask @gr now", 11)).toBeNull();
  });
});
