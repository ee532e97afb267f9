// Markdown to HTML for the artifact page: marked renders, sanitize-html keeps only an allowlist
// of tags, attributes and URL schemes, so scripts, event handlers, javascript: links, iframes
// and styles never reach the page (README, decision 17).
import { Marked } from "marked";
import { diffArrays } from "diff";
import sanitizeHtml from "sanitize-html";
import type { Span } from "~/modules/comments/anchor";

const marked = new Marked({ gfm: true, async: false });

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags.filter((t) => t !== "nav" && t !== "main"), "img", "del"],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "title"],
    ol: ["start"],
    th: ["align"],
    td: ["align"],
    code: ["class"],
  },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["https", "http"] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    // The page's own title is its only h1: the document's headings move one level down.
    h1: "h2",
    h2: "h3",
    h3: "h4",
    h4: "h5",
    h5: "h6",
    // Links open as plain navigations that pass no referrer or opener to the other site.
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener noreferrer nofollow" } }),
  },
};

/** The preview of a posted document's body (empty when it sent none, or more than a document may hold). */
export function previewOf(form: FormData): string {
  const body = form.get("body");
  return typeof body === "string" && body.length <= 400_000 ? renderMarkdown(body) : "";
}

/** Safe HTML for a Markdown body written by any user. */
export function renderMarkdown(body: string): string {
  const html = marked.parse(body) as string;
  return sanitizeHtml(html, OPTIONS);
}

/** One top-level block of a document (a paragraph, heading, list, table...): its safe HTML and its text as a reader sees it. */
export type Block = { html: string; text: string };

/**
 * The document as its blocks, each rendered and sanitised on its own (the same renderer and
 * allowlist as renderMarkdown), so the page can put each block's comments beside it and mark the
 * passages they quote. Blocks that render to nothing (guidance comments, blank lines) are left out.
 */
export function renderBlocks(body: string): Block[] {
  const tokens = marked.lexer(body);
  const blocks: Block[] = [];
  for (const token of tokens) {
    if (token.type === "space") continue;
    const one = Object.assign([token], { links: tokens.links });
    const html = sanitizeHtml(marked.parser(one) as string, OPTIONS).trim();
    if (!html) continue;
    const text = walkText(html, []).text;
    if (text) blocks.push({ html, text });
  }
  return blocks;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function decodeEntity(entity: string): string {
  const name = entity.slice(1, -1);
  if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(parseInt(name.slice(2), 16));
  if (name.startsWith("#")) return String.fromCodePoint(parseInt(name.slice(1), 10));
  return ENTITIES[name] ?? entity;
}

const SPACE = /\s/;

/**
 * Walks sanitised HTML as the browser's textContent reads it, whitespace runs as one space: the
 * block's text, and the HTML with each span of that text wrapped in <mark> (closed at every tag
 * so the markup stays well formed; never opened on whitespace alone, so none lands between a
 * list and its items).
 */
function walkText(html: string, spans: readonly Span[]): { text: string; html: string } {
  let text = "";
  let out = "";
  let open = false;
  let pendingSpace = false;
  const inSpan = (pos: number) => spans.some((s) => pos >= s.start && pos < s.end);
  const close = () => {
    if (open) out += "</mark>";
    open = false;
  };
  for (let i = 0; i < html.length;) {
    if (html[i] === "<") {
      const end = html.indexOf(">", i);
      close();
      out += html.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    let raw = html[i];
    if (raw === "&") {
      const semi = html.indexOf(";", i);
      if (semi !== -1 && semi - i <= 10) raw = html.slice(i, semi + 1);
    }
    const char = raw.length > 1 ? decodeEntity(raw) : raw;
    i += raw.length;
    if (SPACE.test(char)) {
      // A space counts once, and only between words: the text's start and end are trimmed.
      if (text.length > 0) pendingSpace = true;
      if (open && !inSpan(text.length)) close();
      out += raw;
      continue;
    }
    if (pendingSpace) {
      text += " ";
      pendingSpace = false;
    }
    const pos = text.length;
    const marked = inSpan(pos);
    if (marked && !open) {
      out += "<mark>";
      open = true;
    } else if (!marked && open) close();
    out += raw;
    text += char;
  }
  close();
  return { text, html: out };
}

/** A block's HTML with the passages at `spans` of its text marked. */
export function markPassages(html: string, spans: readonly Span[]): string {
  return spans.length ? walkText(html, spans).html : html;
}

export type RenderedChange = { kind: "added" | "removed" | "same"; html: string } | { kind: "skipped"; count: number };

/**
 * Two versions compared as readers see them (issue 24, item 5): the blocks of each rendered as on
 * the artifact page, matched by their text, each added or removed block kept with its markup,
 * and runs of unchanged blocks folded to one on either side of a change.
 */
export function renderedComparison(before: string, after: string, context = 1): RenderedChange[] {
  const from = renderBlocks(before);
  const to = renderBlocks(after);
  const out: RenderedChange[] = [];
  let i = 0;
  let j = 0;
  for (const part of diffArrays(
    from.map((b) => b.text),
    to.map((b) => b.text),
  )) {
    const n = part.count ?? part.value.length;
    if (part.removed) {
      for (let k = 0; k < n; k++) out.push({ kind: "removed", html: from[i++]!.html });
    } else if (part.added) {
      for (let k = 0; k < n; k++) out.push({ kind: "added", html: to[j++]!.html });
    } else {
      const same = to.slice(j, j + n).map((b) => ({ kind: "same" as const, html: b.html }));
      i += n;
      j += n;
      const head = out.length === 0 ? 0 : context;
      if (same.length <= head + context) out.push(...same);
      else out.push(...same.slice(0, head), { kind: "skipped", count: same.length - head - context }, ...same.slice(same.length - context));
    }
  }
  // Nothing changed: nothing to show. Unchanged blocks after the last change: only the context.
  let last = out.length - 1;
  while (last >= 0 && out[last]!.kind !== "added" && out[last]!.kind !== "removed") last--;
  if (last === -1) return [];
  return [
    ...out.slice(0, last + 1),
    ...out
      .slice(last + 1)
      .filter((c) => c.kind === "same")
      .slice(0, context),
  ];
}
