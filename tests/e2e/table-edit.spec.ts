// Editing in place and in bulk from the project table (issue 27, item 4).
import { expect, login, test } from "./data";

test("a row's team and owner change in place, from the keyboard, with only allowed owners offered", async ({ page, data }) => {
  const title = `Inline edit ${crypto.randomUUID().slice(0, 8)}`;
  const made = await data.project({ title, owner: data.people.member });
  await login(page, "admin@example.com");
  // The columns in the address: another test changes Max Member's own choice of columns meanwhile.
  await page.goto(`/projects?q=${encodeURIComponent(title)}&cols=key,title,owner,team`);
  const row = page.getByRole("row").filter({ hasText: made.key });
  await row.getByRole("link", { name: `Change the team of ${made.key}` }).click();
  const team = page.getByRole("combobox", { name: `Team of ${made.key}` });
  await expect(team).toBeFocused();
  await team.selectOption({ label: "Fulfilment" });
  // From the choices, Tab reaches Save.
  await page.keyboard.press("Tab");
  await expect(row.getByRole("button", { name: "Save" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("toast")).toContainText(`Team changed on ${made.key}.`);
  await expect(row).toContainText("Fulfilment");
  await expect(page).toHaveURL(new RegExp(`/projects\\?q=`));

  await row.getByRole("link", { name: `Change the owner of ${made.key}` }).click();
  const owner = page.getByRole("combobox", { name: `Owner of ${made.key}` });
  // Never a viewer, nor the present owner; the note says so.
  await expect(owner.getByRole("option", { name: "Vera Viewer" })).toHaveCount(0);
  await expect(owner.getByRole("option", { name: "Max Member" })).toHaveCount(0);
  await expect(row).toContainText("Max Member (already)");
  await owner.selectOption({ label: "Ada Admin" });
  await row.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("toast")).toContainText(`Owner changed on ${made.key}.`);
  await expect(row).toContainText("Ada Admin");
});

test("the rows chosen change team at once; a member's rows they may not change are named and left as they were", async ({ page, data }) => {
  const prefix = `Bulk ${crypto.randomUUID().slice(0, 8)}`;
  const mine = [
    await data.project({ title: `${prefix} one`, owner: data.people.member }),
    await data.project({ title: `${prefix} two`, owner: data.people.member }),
  ];
  const theirs = await data.project({ title: `${prefix} three`, owner: data.people.admin });
  await login(page, "member@example.com");
  // The columns in the address: another test changes Max Member's own choice of columns meanwhile.
  await page.goto(`/projects?q=${encodeURIComponent(prefix)}&cols=key,title,owner,team`);
  for (const p of [...mine, theirs]) await page.getByRole("checkbox", { name: `Choose ${p.key}` }).check();
  const bar = page.getByRole("form", { name: "Change the chosen projects" });
  await bar.getByRole("combobox", { name: "Change" }).selectOption("team");
  await bar.getByRole("combobox", { name: "New team" }).selectOption({ label: "Growth" });
  await bar.getByRole("button", { name: "Apply to the chosen" }).click();
  const toast = page.getByTestId("toast");
  await expect(toast).toContainText("Team changed on 2 projects.");
  await expect(toast).toContainText(`Not changed: ${theirs.key} (Only the project's owner and administrators change its team.)`);
  for (const p of mine) await expect(page.getByRole("row").filter({ hasText: p.key })).toContainText("Growth");
  await expect(page.getByRole("row").filter({ hasText: theirs.key })).toContainText("No team");
});

test("a saved view keeps the filter, sort and columns; its link shows the same table to someone else", async ({ page, browser, data }) => {
  const name = `Plan, slowest first ${crypto.randomUUID().slice(0, 6)}`;
  await data.project({ title: `${name} project`, stage: "plan", owner: data.people.member });
  await login(page, "member@example.com");
  // Only the key, title and owner shown: the columns are part of the table's address, so this
  // test leaves Max Member's own choice of columns as it was.
  await page.goto("/projects?stage=plan&sort=days&dir=desc&cols=key,title,owner");
  await expect(page.getByRole("columnheader", { name: /Stage/ })).toHaveCount(0);

  const views = page.getByTestId("saved-views");
  await views.getByText(/^Views/).click();
  await views.getByLabel("Save this table as").fill(name);
  await views.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByTestId("toast")).toContainText(`View "${name}" saved`);
  const link = views.getByRole("link", { name });
  const href = await link.getAttribute("href");
  expect(href).toMatch(/stage=plan/);
  expect(href).toMatch(/cols=key,title,owner/);

  // Back to the whole table, then the view again.
  await page.goto("/projects");
  await page
    .getByTestId("saved-views")
    .getByText(/^Views/)
    .click();
  await page.getByTestId("saved-views").getByRole("link", { name }).click();
  await expect(page).toHaveURL(/stage=plan/);
  await expect(page.getByRole("combobox", { name: "Stage" })).toHaveValue("plan");

  // Someone else opens the link: the same filter, sort and columns, whatever their own columns are.
  const other = await (await browser.newContext()).newPage();
  await login(other, "admin@example.com");
  await other.goto(href!);
  await expect(other.getByRole("columnheader", { name: /Owner/ })).toBeVisible();
  await expect(other.getByRole("columnheader", { name: /Gate readiness/ })).toHaveCount(0);
  await expect(other.getByRole("link", { name: "Days in stage (sorted descending)" })).toHaveCount(0);
  await expect(other.getByRole("combobox", { name: "Stage" })).toHaveValue("plan");
});

test("on the project page the owner changes the team in place, and Cancel leaves it as it was", async ({ page, data }) => {
  const made = await data.project({ title: `Page edit ${crypto.randomUUID().slice(0, 8)}`, owner: data.people.member });
  await login(page, "member@example.com");
  await page.goto(`/projects/${made.key}/plan`);
  await page.getByRole("link", { name: `Change the team of ${made.key}` }).click();
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page.getByRole("combobox", { name: `Team of ${made.key}` })).toHaveCount(0);
  await page.getByRole("link", { name: `Change the team of ${made.key}` }).click();
  await page.getByRole("combobox", { name: `Team of ${made.key}` }).selectOption({ label: "Payments" });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${made.key}$`));
  await expect(page.getByTestId("toast")).toContainText(`Team changed on ${made.key}.`);
  await expect(page.locator("header").getByText(/· Payments/)).toBeVisible();
  // And out of every team again.
  await page.getByRole("link", { name: `Change the team of ${made.key}` }).click();
  await page.getByRole("combobox", { name: `Team of ${made.key}` }).selectOption({ label: "No team" });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("header").getByText(/· no team/)).toBeVisible();
});
