// Where a comment points in a document (issue 24, item 2): a W3C Web Annotation text-quote
// selector, the quoted text with a little text before and after it, over the document's text as
// a reader sees it (whitespace runs read as one space). Pure and safe for the browser: the page
// builds a selector from the reader's selection with the same rules the server checks it with,
// and re-anchors the comments of older versions on the version shown.

/** The text before and after a quote that a selector keeps, to tell equal quotes apart. */
export const CONTEXT_CHARS = 32;
/** The longest passage a comment quotes. */
export const QUOTE_MAX = 1000;

export type TextQuote = { exact: string; prefix: string; suffix: string };
export type Span = { start: number; end: number };

/** Text as the reader sees it: each run of whitespace one space, none at either end. */
export function normaliseText(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The selector of `text`'s passage [start, end). */
export function quoteAt(text: string, span: Span, context = CONTEXT_CHARS): TextQuote {
  return {
    exact: text.slice(span.start, span.end),
    prefix: text.slice(Math.max(0, span.start - context), span.start),
    suffix: text.slice(span.end, span.end + context),
  };
}

/** How many characters two strings share at their ends (`fromEnd`) or starts. */
function shared(a: string, b: string, fromEnd: boolean): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  if (fromEnd) while (i < n && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  else while (i < n && a[i] === b[i]) i++;
  return i;
}

/**
 * Where the selector's quote stands in `text`: of every place it occurs, the one whose
 * surroundings agree most with the kept prefix and suffix (the first on a tie); null where the
 * quote is no longer in the text, and the comment is "on text that changed".
 */
export function locate(text: string, quote: TextQuote): Span | null {
  const exact = normaliseText(quote.exact);
  if (!exact) return null;
  let best: Span | null = null;
  let bestScore = -1;
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    const end = at + exact.length;
    const score =
      shared(text.slice(Math.max(0, at - quote.prefix.length), at), quote.prefix, true) +
      shared(text.slice(end, end + quote.suffix.length), quote.suffix, false);
    if (score > bestScore) {
      best = { start: at, end };
      bestScore = score;
      // Both contexts agree in full: no other place can do better.
      if (score === quote.prefix.length + quote.suffix.length) break;
    }
  }
  return best;
}

/** Where a passage falls among a document's blocks: the block it starts in, and its span in each block it covers. */
export function spansByBlock(blockStarts: readonly number[], blockEnds: readonly number[], span: Span): { first: number; parts: Map<number, Span> } | null {
  const parts = new Map<number, Span>();
  let first = -1;
  for (let i = 0; i < blockStarts.length; i++) {
    const start = Math.max(span.start, blockStarts[i]);
    const end = Math.min(span.end, blockEnds[i]);
    if (start >= end) continue;
    if (first === -1) first = i;
    parts.set(i, { start: start - blockStarts[i], end: end - blockStarts[i] });
  }
  return first === -1 ? null : { first, parts };
}

/** The document's text from its blocks' texts, and where each block starts and ends in it. */
export function joinBlocks(texts: readonly string[]): { text: string; starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  for (const t of texts) {
    starts.push(at);
    ends.push(at + t.length);
    at += t.length + 1;
  }
  return { text: texts.join(" "), starts, ends };
}
