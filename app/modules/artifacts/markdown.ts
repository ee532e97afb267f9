// Reads a Markdown document into sections (by heading) for the template checks.
// Pure and safe for the browser: the editor runs the same checks live.
import { Lexer, type Token } from "marked";

export type Section = {
  /** The heading as written, without the #s. */
  title: string;
  /** The heading normalised for matching: lower case, letters, digits and single spaces. */
  key: string;
  depth: number;
  /** The section's own text, up to the next heading of any depth (guidance comments removed). */
  ownText: string;
  /** Its text with all its subsections, their headings included. */
  text: string;
  /** List items directly in the section's own text, in order. */
  items: string[];
  /** Words of content in the section and its subsections; headings (template labels) not counted. */
  words: number;
};

/** `words`: the document's words of content, headings not counted. */
export type ParsedDocument = { sections: Section[]; words: number };

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

export function normaliseHeading(title: string): string {
  return title
    .toLowerCase()
    .replace(/[’']/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Words as a reader counts them: runs of characters holding at least one letter or digit. */
export function countWords(text: string): number {
  let n = 0;
  for (const word of text.replace(COMMENT, " ").split(/\s+/)) if (/[\p{L}\p{N}]/u.test(word)) n++;
  return n;
}

/** Sentences in a short text: runs ending in . ! or ? (or the end), ignoring empty ones. */
export function countSentences(text: string): number {
  const plain = stripMarks(text.replace(COMMENT, " ")).trim();
  if (!plain) return 0;
  return plain.split(/(?<=[.!?])\s+(?=\S)/).filter((s) => /[\p{L}\p{N}]/u.test(s)).length;
}

/** Markdown's emphasis, heading and list marks removed, for reading a line as plain text. */
export function stripMarks(text: string): string {
  return text
    .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`~]+/g, "")
    .trim();
}

function listItems(token: Token): string[] {
  if (token.type !== "list") return [];
  return (token as { items: { text: string }[] }).items.map((item) => item.text.replace(COMMENT, " ").trim()).filter(Boolean);
}

export function parseDocument(body: string): ParsedDocument {
  const tokens = new Lexer({ gfm: true }).lex(body.replace(/\r\n?/g, "\n"));
  type Draft = { title: string; depth: number; raws: string[]; items: string[]; headingRaw: string };
  const drafts: Draft[] = [{ title: "", depth: 0, raws: [], items: [], headingRaw: "" }];
  for (const token of tokens) {
    if (token.type === "heading") {
      const heading = token as { depth: number; text: string; raw: string };
      drafts.push({ title: stripMarks(heading.text), depth: heading.depth, raws: [], items: [], headingRaw: heading.raw });
      continue;
    }
    const current = drafts[drafts.length - 1]!;
    if (token.type === "html" || token.type === "space") {
      // Guidance comments are not content; other raw HTML is kept as text so it counts.
      const rest = token.raw.replace(COMMENT, "").trim();
      if (rest) current.raws.push(rest);
      continue;
    }
    current.raws.push(token.raw.replace(COMMENT, " "));
    current.items.push(...listItems(token));
  }
  const sections: Section[] = drafts.map((d) => {
    const ownText = d.raws.join("\n").trim();
    return { title: d.title, key: normaliseHeading(d.title), depth: d.depth, ownText, text: ownText, items: d.items, words: countWords(ownText) };
  });
  // A section's text runs on through its subsections (deeper headings) until one at its depth or above.
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i]!;
    if (section.depth === 0) continue;
    const parts = [section.ownText];
    for (let j = i + 1; j < sections.length && sections[j]!.depth > section.depth; j++) {
      parts.push(drafts[j]!.headingRaw.trim(), sections[j]!.ownText);
      section.words += countWords(sections[j]!.ownText);
    }
    section.text = parts.filter(Boolean).join("\n");
  }
  const words = sections.reduce((sum, s) => sum + countWords(s.ownText), 0);
  return { sections: sections.filter((s, i) => i > 0 || s.ownText), words };
}

/** Lines of a section that read as questions (FAQ entries), headings included. */
export function questions(text: string): string[] {
  return text
    .split("\n")
    .map((line) => stripMarks(line))
    .filter((line) => line.endsWith("?") && countWords(line) >= 2);
}
