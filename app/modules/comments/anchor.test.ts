import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { joinBlocks, locate, normaliseText, quoteAt, spansByBlock } from "./anchor";

const word = fc.stringMatching(/^[a-z]{1,6}$/);
const sentence = fc.array(word, { minLength: 1, maxLength: 12 }).map((w) => w.join(" "));
const doc = fc.array(sentence, { minLength: 1, maxLength: 20 }).map((s) => normaliseText(s.join(". ")));

describe("text-quote anchors", () => {
  it("finds the passage a selector was made from, or one with the same quote and context", () => {
    fc.assert(
      fc.property(
        doc.chain((text) => fc.tuple(fc.constant(text), fc.nat(text.length - 1), fc.nat(text.length - 1))),
        ([text, a, b]) => {
          const span = { start: Math.min(a, b), end: Math.max(a, b) + 1 };
          const quote = quoteAt(text, span);
          if (normaliseText(quote.exact) !== quote.exact) return; // the page never sends a quote that starts or ends with a space
          const found = locate(text, quote)!;
          expect(text.slice(found.start, found.end)).toBe(quote.exact);
          expect(quoteAt(text, found)).toEqual(quote);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("follows its passage when text is added before and after it", () => {
    fc.assert(
      fc.property(doc, doc, doc, sentence, (before, after, inserted, passage) => {
        const text = `${before} ${passage} ${after}`;
        const span = { start: before.length + 1, end: before.length + 1 + passage.length };
        const quote = quoteAt(text, span);
        const newer = `${inserted} ${before} ${passage} ${after} ${inserted}`;
        const found = locate(newer, quote)!;
        expect(newer.slice(found.start, found.end)).toBe(passage);
      }),
    );
  });

  it("tells equal quotes apart by the text around them", () => {
    const text = "Ship it. We will ship it in May when the carrier API is ready. Then ship it.";
    const at = text.indexOf("ship it in May");
    const quote = quoteAt(text, { start: at, end: at + "ship it".length });
    const newer = `Plans changed. ${text}`;
    expect(locate(newer, quote)).toEqual({ start: newer.indexOf("ship it in May"), end: newer.indexOf("ship it in May") + 7 });
  });

  it("finds nothing when the quoted text is gone: the comment is on text that changed", () => {
    const text = "The carrier API is ready in May.";
    const quote = quoteAt(text, { start: 4, end: 15 });
    expect(locate("The carrier's API is ready in June.", quote)).toBeNull();
    expect(locate(text, { exact: "   ", prefix: "", suffix: "" })).toBeNull();
  });

  it("splits a passage over the blocks it covers", () => {
    const { text, starts, ends } = joinBlocks(["First block.", "Second one.", "Third."]);
    expect(text).toBe("First block. Second one. Third.");
    const from = text.indexOf("block");
    const to = text.indexOf("one") + 3;
    const where = spansByBlock(starts, ends, { start: from, end: to })!;
    expect(where.first).toBe(0);
    expect([...where.parts]).toEqual([
      [0, { start: 6, end: 12 }],
      [1, { start: 0, end: 10 }],
    ]);
  });
});
