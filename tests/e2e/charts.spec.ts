// Issue 13, item 5: charts people can read, checked on screenshots at three widths. At each width
// the 6-12 charts of a project's metrics tab and of a metric page are drawn and photographed (the
// pictures are attached to the report), and their geometry is measured: no two x-axis labels
// touch, the last label lies inside the chart, and weeks and months are labelled differently.
import type { Locator } from "@playwright/test";
import { expect, login, test } from "./data";

type Box = { x: number; y: number; width: number; height: number };

async function tickBoxes(figure: Locator): Promise<{ text: string; box: Box }[]> {
  const ticks = figure.locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value");
  return ticks.evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { text: el.textContent ?? "", box: { x: r.x, y: r.y, width: r.width, height: r.height } };
    }),
  );
}

for (const width of [320, 768, 1280]) {
  test(`at ${width} px the 6-12 charts' labels never overlap, the last is visible, weeks and months read differently`, async ({ page, data }, info) => {
    await page.setViewportSize({ width, height: 900 });
    const metric = await data.db.metric.findFirstOrThrow({ where: { project: { key: "GP-1" }, kind: "output" }, select: { id: true } });
    await login(page, "member@example.com");
    for (const path of ["/projects/GP-1/metrics", `/metrics/${metric.id}`]) {
      await page.goto(path);
      const figures = page.locator("figure[aria-label$='6-12 chart']");
      await expect(figures.first().locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value").first()).toBeVisible();
      await info.attach(`${path.replaceAll("/", "_")}-${width}px.png`, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
      for (const figure of await figures.all()) {
        const ticks = (await tickBoxes(figure)).filter((t) => t.text.trim() !== "").sort((a, b) => a.box.x - b.box.x);
        expect(ticks.length, `${path} at ${width}px: some labels`).toBeGreaterThanOrEqual(2);
        for (let i = 1; i < ticks.length; i++) {
          const [a, b] = [ticks[i - 1]!, ticks[i]!];
          expect(a.box.x + a.box.width, `${path} at ${width}px: "${a.text}" and "${b.text}" overlap`).toBeLessThanOrEqual(b.box.x);
        }
        const chart = (await figure.locator(".recharts-wrapper > svg.recharts-surface").boundingBox())!;
        const last = ticks.at(-1)!;
        expect(last.box.x + last.box.width, `${path} at ${width}px: the last label "${last.text}" is cut off`).toBeLessThanOrEqual(chart.x + chart.width + 0.5);
        expect(ticks[0]!.box.x).toBeGreaterThanOrEqual(chart.x - 0.5);
        // A week reads "16 Nov", a month "Dec ’25": never the same shape.
        for (const t of ticks) expect(t.text).toMatch(/^(\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2} ’\d\d)$/);
        expect(ticks.some((t) => /^\d/.test(t.text)) && ticks.some((t) => /’/.test(t.text))).toBe(true);
      }
    }
  });
}
