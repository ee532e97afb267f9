// Markdown to HTML for the artifact page: marked renders, sanitize-html keeps only an allowlist
// of tags, attributes and URL schemes, so scripts, event handlers, javascript: links, iframes
// and styles never reach the page (README, decision 17).
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

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

/** Safe HTML for a Markdown body written by any user. */
export function renderMarkdown(body: string): string {
  const html = marked.parse(body) as string;
  return sanitizeHtml(html, OPTIONS);
}
