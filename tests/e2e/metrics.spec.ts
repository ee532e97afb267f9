import { expect, login, openTab, test } from "./helpers";

/** The Monday `weeksAgo` weeks before this week's, as YYYY-MM-DD. */
function monday(weeksAgo: number): string {
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const dow = (new Date(today).getUTCDay() + 6) % 7;
  return new Date(today - (dow + 7 * weeksAgo) * 86_400_000).toISOString().slice(0, 10);
}

test("members cannot manage tokens; the refusal keeps the navigation and says what to do next", async ({ page }) => {
  await login(page, "member@example.com");
  expect((await page.goto("/settings/tokens"))?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have permission to do that" })).toBeVisible();
  await expect(page.getByText(/ask an administrator/)).toBeVisible();
  // The page's layout stays: the navigation and the sign-out button are still there.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Board", exact: true }).click();
  await expect(page).toHaveURL(/\/board$/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});

test("an unknown project is a 404 inside the page, with the navigation", async ({ page }) => {
  await login(page, "viewer@example.com");
  expect((await page.goto("/projects/GP-999999"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByText("There is no project GP-999999.")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});

test("the portfolio dashboard: stages, rates and debt from the database, filtered by team and period in the URL", async ({ page }) => {
  await login(page, "viewer@example.com");
  await page.goto("/board");
  await page.getByRole("link", { name: "Dashboard" }).click();
  const stages = page.getByTestId("stages");
  await expect(stages.locator("[data-stage]")).toHaveCount(6);
  await expect(stages.locator("[data-stage='plan']")).toContainText(/\d+ d/);
  await page.getByRole("combobox", { name: "Team" }).selectOption({ label: "Payments" });
  await page.getByRole("combobox", { name: "Decisions in the last" }).selectOption("3m");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/team=payments&period=3m/);
  await expect(page.getByTestId("passed").locator("tr")).toHaveCount(3);
  expect((await page.goto("/dashboard?period=5y"))?.status()).toBe(400);
});

test("a team's weekly business review lists inputs before outputs and prints without the navigation", async ({ page }) => {
  await login(page, "viewer@example.com");
  await page.goto("/dashboard");
  await page.getByRole("link", { name: "Fulfilment" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Weekly business review: Fulfilment");
  const first = page.locator("section[aria-labelledby^='wbr-']").first();
  const kinds = await first.locator("[data-wbr-metric] th span.uppercase").allInnerTexts();
  expect(kinds.length).toBeGreaterThan(1);
  expect(kinds.map((k) => k.toLowerCase())).toEqual([...kinds.map((k) => k.toLowerCase())].sort());
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(first).toBeVisible();
});

test("the API is rate-limited per token (API_RATE_LIMIT is 30 a minute in these tests)", async ({ page }) => {
  await login(page, "admin@example.com");
  const secrets: string[] = [];
  for (const name of ["Chatty feed", "Quiet feed"]) {
    await page.goto("/settings/tokens");
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Create token" }).click();
    secrets.push((await page.getByTestId("new-token").innerText()).trim());
  }
  const send = (secret: string) => page.request.post("/api/v1/values", { headers: { authorization: `Bearer ${secret}` }, data: {} });
  const statuses: number[] = [];
  for (let i = 0; i < 31; i++) statuses.push((await send(secrets[0]!)).status());
  expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
  expect(statuses[30]).toBe(429);
  expect((await send(secrets[1]!)).status()).toBe(400);
});

test("a project's metrics: define, enter, import, chart and annotate, feed through the API, read on page 0, compare", async ({ page }) => {
  // One story: each step works on what the one before made (a project, its metrics, their values).
  test.setTimeout(150_000);
  let projectKey = "";
  let outputUrl = "";
  await test.step("define an output metric and an input that drives it; a bad target is refused next to the field", async () => {
    await login(page, "member@example.com");
    await page.goto("/projects/new");
    await page.getByLabel("Title").fill("Metric walkthrough for returns");
    await page.getByRole("button", { name: "Create project" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Metric walkthrough for returns");
    projectKey = page.url().split("/").pop()!;
    await openTab(page, "Metrics");
    await expect(page.getByText("No metric is defined yet: add the first one below.")).toBeVisible();

    const add = page.locator("section[aria-labelledby='add-metric']");
    await add.getByLabel("Name").fill("Returns refunded in a day");
    await add.getByLabel("Kind").selectOption("output");
    await add.getByLabel("Definition").fill("Share of returns refunded within 24 hours of arrival");
    await add.getByLabel("Unit").fill("%");
    await add.getByLabel(/A rate/).check();
    await add.getByLabel("Target").fill("95");
    await add.getByLabel("Over a month or a year").selectOption("mean");
    await add.getByRole("button", { name: "Add metric" }).click();
    await expect(add.getByLabel("Target")).toHaveAttribute("aria-invalid", "true");
    await expect(add.getByRole("listitem").filter({ hasText: "A rate's target is a share of 1, like 0.95" })).toBeVisible();
    await add.getByLabel("Target").fill("0.9");
    await add.getByRole("button", { name: "Add metric" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Returns refunded in a day");
    outputUrl = new URL(page.url()).pathname;

    await page.goto(`/projects/${projectKey}/metrics`);
    await add.getByText("Define a metric").click();
    await add.getByLabel("Name").fill("Returns scanned on arrival");
    await add.getByLabel("Definition").fill("Returns scanned within an hour of arrival");
    await add.getByLabel("Unit").fill("count");
    await add.getByLabel("Target").fill("400");
    await add.getByLabel("Returns refunded in a day").check();
    await add.getByRole("button", { name: "Add metric" }).click();
    await expect(page.getByText("Drives: Returns refunded in a day")).toBeVisible();
    await page.goto(`/projects/${projectKey}/metrics`);
    await expect(page.locator("[data-metric='Returns scanned on arrival']")).toContainText("Returns refunded in a day");
  });
  await test.step("enter values by hand in the grid", async () => {
    await login(page, "member@example.com");
    await page.goto(outputUrl);
    const grid = page.locator("section[aria-labelledby='values']");
    // Every problem at once, each beside its cell: text, a rate above 1, a period beyond this week.
    await grid.locator(`#v-${monday(4)}`).fill("1.7");
    await grid.locator(`#v-${monday(5)}`).fill("ninety");
    await grid.getByLabel("Another period").fill(monday(-2));
    await grid.getByLabel("Its value").fill("0.9");
    await grid.getByRole("button", { name: "Save values" }).click();
    await expect(grid.getByText('"ninety" is not a number')).toBeVisible();
    await expect(grid.getByText('1.7 is not a share of 1: "Returns refunded in a day" is a rate, so 95% is 0.95')).toBeVisible();
    await expect(grid.getByText(`${monday(-2)} is in the future: the current week of "Returns refunded in a day" starts ${monday(0)}`)).toBeVisible();
    await expect(page.locator("[data-period]")).toHaveCount(0);
    await grid.getByLabel("Another period").fill("");
    await grid.getByLabel("Its value").fill("");
    await grid.locator(`#v-${monday(4)}`).fill("0.91");
    await grid.locator(`#v-${monday(5)}`).fill("0.92");
    await grid.getByRole("button", { name: "Save values" }).click();
    await expect(grid.getByText("Values saved.")).toBeVisible();
    await expect(page.locator("[data-period]")).toHaveCount(2);
  });
  await test.step("a CSV with one bad row imports nothing and names the line; fixed, it imports", async () => {
    await login(page, "member@example.com");
    await page.goto(`/projects/${projectKey}/metrics/import`);
    const lines = [
      "metric,period,value",
      `Returns refunded in a day,${monday(3)},0.93`,
      `Returns refunded in a day,${monday(2)},0.5`,
      `Returns refunded in a day,${monday(1)},lots`,
      `Returns refunded in a day,${monday(-1)},1.2`,
    ];
    await page.getByLabel("CSV file").setInputFiles({ name: "refunds.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n")) });
    await page.getByRole("button", { name: "Check the file" }).click();
    const problems = page.getByTestId("csv-problems");
    await expect(problems).toContainText("4");
    await expect(problems).toContainText('value: "lots" is not a number');
    // Both problems of line 5, not only its first.
    await expect(problems).toContainText(`period: ${monday(-1)} is in the future`);
    await expect(problems).toContainText("value: 1.2 is not a share of 1");
    await expect(page.getByText("Nothing was imported: fix these rows and upload the file again.")).toBeVisible();
    await page.goto(outputUrl);
    await expect(page.locator("[data-period]")).toHaveCount(2);

    await page.goto(`/projects/${projectKey}/metrics/import`);
    lines[3] = `Returns refunded in a day,${monday(1)},0.94`;
    lines.pop();
    await page.getByLabel("CSV file").setInputFiles({ name: "refunds.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n")) });
    await page.getByRole("button", { name: "Check the file" }).click();
    await expect(page.getByRole("heading", { name: "refunds.csv: 3 values ready" })).toBeVisible();
    await expect(page.getByTestId("csv-preview")).toContainText(monday(2));
    await page.getByRole("button", { name: "Import 3 values" }).click();
    await expect(page.getByText("Imported 3 values.")).toBeVisible();
  });
  await test.step("the 6-12 chart and its totals; a flagged point stays flagged until annotated", async () => {
    await login(page, "member@example.com");
    await page.goto(outputUrl);
    await expect(page.getByRole("figure", { name: "Returns refunded in a day: 6-12 chart" }).locator("svg").first()).toBeVisible();
    const lastWeek = page.getByTestId("box-totals").locator("[data-total='Last week']");
    await expect(lastWeek).toContainText("94%");
    await expect(lastWeek).toContainText("week over week +4,400 bps");

    const flagged = page.locator(`[data-period='${monday(2)}']`);
    await expect(flagged).toContainText("off target");
    await expect(flagged).toContainText("Needs a note");
    await flagged.getByText(/^Annotate/).click();
    await flagged.getByLabel("Kind of note").selectOption("exception");
    await flagged.getByLabel("Note", { exact: true }).fill("The scanner was down for two days");
    await flagged.getByRole("button", { name: "Save note" }).click();
    await expect(page.getByTestId("toast")).toContainText(`Note added to the period of`);
    await expect(flagged.getByTestId("annotation")).toContainText("Exception: The scanner was down for two days");
    await expect(flagged).not.toContainText("Needs a note");
  });
  await test.step("an administrator creates an API token shown once; it records a value, and is refused once revoked", async () => {
    await login(page, "admin@example.com");
    await page.goto("/settings/tokens");
    await page.getByLabel("Name").fill("Returns exporter");
    await page.getByLabel("Project key").fill(projectKey);
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = (await page.getByTestId("new-token").innerText()).trim();
    expect(secret).toMatch(/^gp_/);
    const metricId = outputUrl.split("/").pop();
    const ok = await page.request.post(`/api/v1/metrics/${metricId}/values`, {
      headers: { authorization: `Bearer ${secret}` },
      data: { periodStart: monday(6), value: 0.9 },
    });
    expect(ok.status()).toBe(200);
    expect(await ok.json()).toEqual({ written: 1 });

    await page.reload();
    await expect(page.getByTestId("new-token")).toHaveCount(0);
    const row = page.locator("[data-token='Returns exporter']");
    await expect(row).toContainText(secret.slice(0, 10));
    await row.getByRole("button", { name: /Revoke/ }).click();
    await expect(page.getByTestId("toast")).toContainText("Token revoked");
    await expect(row).toContainText("Revoked");
    const refused = await page.request.post(`/api/v1/metrics/${metricId}/values`, {
      headers: { authorization: `Bearer ${secret}` },
      data: { periodStart: monday(7), value: 0.9 },
    });
    expect(refused.status()).toBe(401);
  });
  await test.step("the project's metrics page charts each output beside the inputs that drive it", async () => {
    await login(page, "viewer@example.com");
    await page.goto(`/projects/${projectKey}/metrics`);
    const row = page.locator("[data-causal-row='Returns refunded in a day']");
    await expect(row.getByRole("figure")).toHaveCount(2);
    await expect(row.getByRole("figure", { name: "Returns scanned on arrival: 6-12 chart" }).locator("svg").first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Add metric" })).toHaveCount(0);
  });
  await test.step("page 0 shows the headline output metric with its 6-12 sparkline and its input's", async () => {
    await login(page, "viewer@example.com");
    await page.goto(`/projects/${projectKey}`);
    const headline = page.getByTestId("headline-metric");
    await expect(headline).toContainText("Returns refunded in a day");
    await expect(headline.getByRole("figure", { name: "Returns refunded in a day: 6-12 sparkline" }).locator("svg").first()).toBeVisible();
    await expect(headline.getByRole("figure", { name: "Returns scanned on arrival: 6-12 sparkline" })).toBeVisible();
  });
  await test.step("up to three metrics of one unit share a 6-12 chart", async () => {
    await login(page, "member@example.com");
    await page.goto(`/projects/${projectKey}/metrics`);
    const add = page.locator("section[aria-labelledby='add-metric']");
    // With metrics defined, the form is closed until asked for.
    await expect(add.getByLabel("Name")).toBeHidden();
    await add.getByText("Define a metric").click();
    await add.getByLabel("Name").fill("Returns refunded in an hour");
    await add.getByLabel("Kind").selectOption("output");
    await add.getByLabel("Definition").fill("Share of returns refunded within an hour of arrival");
    await add.getByLabel("Unit").fill("%");
    await add.getByLabel(/A rate/).check();
    await add.getByLabel("Over a month or a year").selectOption("mean");
    await add.getByRole("button", { name: "Add metric" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Returns refunded in an hour");

    await page.goto(outputUrl);
    const compare = page.getByRole("form", { name: "Compare on one chart" });
    await expect(compare.getByLabel("Returns scanned on arrival")).toHaveCount(0);
    await compare.getByLabel("Returns refunded in an hour").check();
    await compare.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/with=/);
    await expect(page.getByRole("figure", { name: "Returns refunded in a day, Returns refunded in an hour: 6-12 chart" }).locator("svg").first()).toBeVisible();
    expect((await page.goto(`${outputUrl}?with=a&with=b&with=c`))?.status()).toBe(400);
  });
});
