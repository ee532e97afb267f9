import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { markPassages, renderBlocks, renderedComparison, renderMarkdown } from "./render.server";

describe("renderMarkdown", () => {
  it("renders headings one level down (the page title is the h1), lists, emphasis and http links", () => {
    const html = renderMarkdown("## Plan\n\n- **one**\n- [docs](https://docs.example.com)");
    expect(html).toContain("<h3>Plan</h3>");
    expect(html).toContain("<strong>one</strong>");
    expect(html).toContain('<a href="https://docs.example.com" rel="noopener noreferrer nofollow">docs</a>');
  });

  it.each([
    ["a script tag", "<script>window.__xss = 1</script>"],
    ["an event handler", '<img src="x" onerror="window.__xss = 1">'],
    ["an svg onload", '<svg onload="window.__xss = 1"></svg>'],
    ["a javascript: link", "[click](javascript:window.__xss=1)"],
    ["a javascript: link in HTML", '<a href="JaVaScRiPt:window.__xss=1">click</a>'],
    ["an entity-encoded javascript: link", '<a href="&#106;avascript:window.__xss=1">click</a>'],
    ["an iframe", '<iframe src="https://evil.example.com"></iframe>'],
    ["a data: image", '<img src="data:text/html;base64,PHNjcmlwdD4=">'],
    ["a style attribute", '<p style="background:url(javascript:alert(1))">x</p>'],
    ["a form", '<form action="https://evil.example.com"><button>go</button></form>'],
  ])("drops %s", (_name, payload) => {
    const html = renderMarkdown(`Before\n\n${payload}\n\nAfter`);
    expect(html).not.toMatch(/<script|<iframe|<svg|<form|\son\w+=|javascript:|data:|style=/i);
    expect(html).toContain("After");
  });

  it("keeps guidance comments out of the page", () => {
    expect(renderMarkdown("<!-- guidance -->\n\ntext")).not.toContain("guidance");
  });
});

describe("renderBlocks and markPassages", () => {
  const body = "# Plan & scope\n\n<!-- say what -->\n\nShip **the carrier API**\nin  May.\n\n- one & two\n- `<b>` three\n\n| a | b |\n|---|---|\n| 1 | 2 |";

  it("renders each top-level block on its own, with its text as a reader sees it", () => {
    const blocks = renderBlocks(body);
    expect(blocks.map((b) => b.text)).toEqual(["Plan & scope", "Ship the carrier API in May.", "one & two <b> three", "a b 1 2"]);
    expect(blocks.map((b) => b.html).join("\n")).toBe(renderMarkdown(body).trim().replace(/\n+/g, "\n"));
  });

  it("marks a passage across tags and entities, and leaves the rest of the markup as it was", () => {
    const [, para, list] = renderBlocks(body);
    const start = para.text.indexOf("carrier");
    const marked = markPassages(para.html, [{ start, end: para.text.indexOf("May") + 3 }]);
    expect(marked).toBe("<p>Ship <strong>the <mark>carrier API</mark></strong>\n<mark>in  May</mark>.</p>");
    expect(marked.replace(/<\/?mark>/g, "")).toBe(para.html);
    const inList = markPassages(list.html, [{ start: 4, end: 13 }]);
    expect(inList).toBe("<ul>\n<li>one <mark>&amp; two</mark></li>\n<li><code><mark>&lt;b&gt;</mark></code> three</li>\n</ul>");
  });

  it("marks what a passage covers and nothing else, for any passage of any document", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z&<> ]{1,12}$/), { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat(), (words, a, b) => {
        const [block] = renderBlocks(`Start ${words.join(" **x** ")} end`);
        const start = a % block.text.length;
        const end = start + 1 + (b % (block.text.length - start));
        const marked = markPassages(block.html, [{ start, end }]);
        expect(marked.replace(/<\/?mark>/g, "")).toBe(block.html);
        const inMarks = [...marked.matchAll(/<mark>([\s\S]*?)<\/mark>/g)].map((m) => m[1]).join("");
        const decoded = inMarks.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
        // Spaces between marks fall outside them: compare the characters marked.
        expect(decoded.replace(/\s/g, "")).toBe(block.text.slice(start, end).replace(/\s/g, ""));
      }),
      { numRuns: 500 },
    );
  });
});

describe("renderedComparison", () => {
  it("keeps added and removed blocks as readers see them, folding unchanged runs beside a change", () => {
    const before = "# Plan\n\nOne.\n\nTwo.\n\nThree.\n\nFour **bold**.\n\nFive.";
    const after = "# Plan\n\nOne.\n\nTwo.\n\nThree.\n\nFour **bolder**.\n\nFive.\n\n- a new list";
    expect(renderedComparison(before, after)).toEqual([
      { kind: "skipped", count: 3 },
      { kind: "same", html: "<p>Three.</p>" },
      { kind: "removed", html: "<p>Four <strong>bold</strong>.</p>" },
      { kind: "added", html: "<p>Four <strong>bolder</strong>.</p>" },
      { kind: "same", html: "<p>Five.</p>" },
      { kind: "added", html: "<ul>\n<li>a new list</li>\n</ul>" },
    ]);
    expect(renderedComparison(before, before)).toEqual([]);
  });
});
