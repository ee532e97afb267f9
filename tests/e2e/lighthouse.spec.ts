// Issue 13, item 10: Lighthouse's accessibility score is 100 on the board, a project page, a
// metric page and the dashboard. Lighthouse drives a Chromium of its own through the DevTools
// protocol; its profile holds the session cookie of a browser context that logged in as usual.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import lighthouse from "lighthouse";
import { expect, login, test } from "./data";

const PAGES = ["/board", "/projects/GP-1", "/metrics/:metric", "/dashboard"];

test("Lighthouse scores accessibility 100 on the board, a project page, a metric page and the dashboard", async ({ page, data, playwright }, info) => {
  test.setTimeout(180_000);
  const metric = await data.db.metric.findFirstOrThrow({ where: { project: { key: "GP-1" }, kind: "output" }, select: { id: true } });
  await login(page, "member@example.com");
  const port = 9300 + info.parallelIndex;
  const launch = info.project.use.launchOptions ?? {};
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "gatepath-lighthouse-"));
  // A persistent context is the browser's default one, where Lighthouse opens its tabs.
  const browser = await playwright.chromium.launchPersistentContext(profile, { ...launch, args: [...(launch.args ?? []), `--remote-debugging-port=${port}`] });
  await browser.addCookies(await page.context().cookies());
  const scores: Record<string, number> = {};
  const failing: string[] = [];
  try {
    for (const url of PAGES.map((p) => p.replace(":metric", metric.id))) {
      const result = await lighthouse(`${info.project.use.baseURL}${url}`, {
        port,
        onlyCategories: ["accessibility"],
        // Keep the signed-in profile: Lighthouse would otherwise clear the site's storage, cookies included.
        disableStorageReset: true,
        formFactor: "desktop",
        screenEmulation: { disabled: true },
        throttlingMethod: "provided",
        output: "json",
        logLevel: "error",
      });
      const lhr = result!.lhr;
      // Judged signed in, on the page asked for, not on the sign-in page it would redirect to.
      expect(new URL(lhr.finalDisplayedUrl).pathname, url).toBe(url);
      scores[url] = Math.round((lhr.categories.accessibility!.score ?? 0) * 100);
      for (const ref of lhr.categories.accessibility!.auditRefs) {
        const audit = lhr.audits[ref.id]!;
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) failing.push(`${url}: ${audit.id} (${audit.title})`);
      }
    }
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(`Lighthouse accessibility: ${JSON.stringify(scores)}`);
  expect(failing, failing.join("\n")).toEqual([]);
  expect(Object.values(scores)).toEqual([100, 100, 100, 100]);
});
