// A review's worth of material for the benchmarks (issue 24): a 6-pager of about 3,000 words in
// 60 paragraphs under its template's headings, a newer version of it with one paragraph in
// four rewritten, and 200 comments on passages spread over it. Deterministic, so runs compare.
import { quoteAt, type TextQuote } from "~/modules/comments/anchor";
import { filledBody } from "~/modules/artifacts/templates";

const WORDS =
  "carrier label parcel retailer batch shift dock pick list queue route scan weight rate pilot region week month target baseline metric owner review risk cost volume peak season printer address customs return".split(
    " ",
  );

/** A small linear congruential generator: the same text every run. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function paragraph(next: () => number, index: number): string {
  const sentences: string[] = [];
  for (let s = 0; s < 4; s++) {
    const words = Array.from({ length: 10 + Math.floor(next() * 4) }, () => WORDS[Math.floor(next() * WORDS.length)]);
    sentences.push(`${words.join(" ")} ${index}.${s}.`);
  }
  const text = sentences.join(" ");
  return text[0].toUpperCase() + text.slice(1);
}

/** The 6-pager: every template section filled with paragraphs until 60 are written. */
export function sixPager(): string {
  const next = generator(42);
  let n = 0;
  const body = filledBody("six_pager", "Labels in one click", () => {
    const count = 6;
    return Array.from({ length: count }, () => paragraph(next, n++)).join("\n\n");
  });
  return body;
}

/** The same document with every fourth paragraph rewritten: comments on those are "on text that changed". */
export function revised(body: string): string {
  const next = generator(7);
  let i = 0;
  return body
    .split("\n\n")
    .map((block) => (/^[A-Z]/.test(block) && i++ % 4 === 0 ? paragraph(next, 1000 + i) : block))
    .join("\n\n");
}

/** `count` selectors of passages of three to eight words, spread evenly over `text`. */
export function spreadQuotes(text: string, count: number): TextQuote[] {
  const next = generator(3);
  const quotes: TextQuote[] = [];
  for (let i = 0; i < count; i++) {
    let start = Math.floor((i / count) * (text.length - 80));
    start = text.indexOf(" ", start) + 1;
    let end = start;
    for (let w = 0, words = 3 + Math.floor(next() * 6); w < words; w++) end = text.indexOf(" ", end + 1);
    quotes.push(quoteAt(text, { start, end: end === -1 ? text.length : end }));
  }
  return quotes;
}
