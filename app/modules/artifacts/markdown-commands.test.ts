import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEdit, insertLink, setHeading, shortcutFor, toggleList, toggleWrap } from "./markdown-commands";

/** Runs a command on text where [ and ] mark the selection; returns the text with the new selection marked. */
function run(command: (t: string, f: number, to: number) => ReturnType<typeof insertLink>, marked: string) {
  const from = marked.indexOf("[");
  const to = marked.indexOf("]") - 1;
  const text = marked.replace("[", "").replace("]", "");
  const edit = command(text, from, to);
  const after = applyEdit(text, edit);
  const [a, h] = [Math.min(edit.anchor, edit.head), Math.max(edit.anchor, edit.head)];
  return `${after.slice(0, a)}[${after.slice(a, h)}]${after.slice(h)}`;
}

describe("formatting commands", () => {
  it("wraps the selection in bold or italic marks, and unwraps it", () => {
    expect(run(toggleWrap("**"), "Ship [it] now")).toBe("Ship **[it]** now");
    expect(run(toggleWrap("**"), "Ship **[it]** now")).toBe("Ship [it] now");
    expect(run(toggleWrap("**"), "Ship [**it**] now")).toBe("Ship [it] now");
    expect(run(toggleWrap("_"), "Ship [] now")).toBe("Ship _[]_ now");
  });

  it("makes a link of the selection with its address selected", () => {
    const edit = insertLink("See the data", 4, 12);
    const after = applyEdit("See the data", edit);
    expect(after).toBe("See [the data](https://)");
    expect(after.slice(edit.anchor, edit.head)).toBe("https://");
  });

  it("makes lines headings of a level, and plain again", () => {
    expect(run(setHeading(2), "Intro\nPro[bl]em\nMore")).toBe("Intro\n[## Problem]\nMore");
    expect(run(setHeading(2), "[## Problem]")).toBe("[Problem]");
    expect(run(setHeading(3), "[## Problem]")).toBe("[### Problem]");
  });

  it("makes lines a list, numbered in order, and plain again, leaving blank lines alone", () => {
    expect(run(toggleList("bullet"), "[one\n\ntwo]")).toBe("[- one\n\n- two]");
    expect(run(toggleList("ordered"), "[- one\n- two]")).toBe("[1. one\n2. two]");
    expect(run(toggleList("ordered"), "[1. one\n2. two]")).toBe("[one\ntwo]");
  });

  it("wrapping twice gives back the text it started from, whatever the selection", () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), fc.nat(), fc.constantFrom("**", "_"), (text, a, b, mark) => {
        const from = Math.min(a, b) % (text.length + 1);
        const to = Math.max(from, Math.max(a, b) % (text.length + 1));
        const once = toggleWrap(mark)(text, from, to);
        const middle = applyEdit(text, once);
        const twice = toggleWrap(mark)(middle, once.anchor, once.head);
        expect(applyEdit(middle, twice)).toBe(text);
      }),
    );
  });

  it("reads a shortcut from the physical key, whatever the layout reports", () => {
    expect(shortcutFor({ key: "¡", code: "Digit1", ctrlKey: true, metaKey: false, altKey: true, shiftKey: false })?.label).toBe("Heading 1");
    expect(shortcutFor({ key: "*", code: "Digit8", ctrlKey: false, metaKey: true, altKey: false, shiftKey: true })?.label).toBe("Bulleted list");
    expect(shortcutFor({ key: "b", code: "KeyB", ctrlKey: false, metaKey: false, altKey: false, shiftKey: false })).toBeUndefined();
  });
});
