// Issue 13, item 10: an automated accessibility check (axe, WCAG 2.2 A and AA: names, roles,
// labels, contrast, landmarks, target sizes) on every main page, in the light theme and the dark
// one. A page with any violation fails, and the message names each rule and the elements that
// break it.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, login, mainPages, test } from "./data";

async function violations(page: Page) {
  // Charts draw after the page loads; judge the page as a person sees it.
  await page.waitForLoadState("networkidle");
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`).join("\n    ")}`,
  );
}

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`in the ${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test("every main page passes axe", async ({ page, data }) => {
      // Twenty-one pages, axe on each: minutes on a busy 2-core machine (CI serves them from two processes on PostgreSQL).
      test.setTimeout(300_000);
      const pages = [
        ...(await mainPages(data.db)),
        "/search?q=pick",
        "/settings/profile",
        "/settings/people",
        "/settings/teams",
        "/settings/webhooks",
        "/settings/root-causes",
      ];
      const found: string[] = [];
      await page.goto("/login");
      found.push(...(await violations(page)).map((v) => `/login: ${v}`));
      await login(page, "admin@example.com");
      for (const path of pages) {
        await page.goto(path);
        found.push(...(await violations(page)).map((v) => `${path}: ${v}`));
      }
      expect(found, found.join("\n")).toEqual([]);
    });
  });
}
