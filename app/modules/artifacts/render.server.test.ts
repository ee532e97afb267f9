import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./render.server";

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
