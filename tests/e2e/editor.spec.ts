// The editor (issue 24, item 1): a 1-pager written with shortcuts and a live preview, the
// template's guidance beside the section being written, and a draft that survives leaving.
import { expect, login, test } from "./data";

test("write a 1-pager with shortcuts and a live preview; leave, come back, and the unsaved draft is restored", async ({ page, data }) => {
  test.setTimeout(90_000);
  const project = await data.project({ title: `Editor ${crypto.randomUUID().slice(0, 6)}`, owner: data.people.member });
  await login(page, "member@example.com");
  const url = `/projects/${project.key}/artifacts/new?kind=one_pager&stage=identify&mode=document`;
  await page.goto(url);
  const editor = page.locator(".cm-content");
  await expect(editor).toBeVisible();
  // The template starts with headings only; its guidance shows beside the section the caret is in.
  await expect(editor).not.toContainText("<!--");
  await editor.getByText("Problem", { exact: true }).click();
  await page.keyboard.press("End");
  await expect(page.getByTestId("guidance")).toContainText("Problem: The customer's problem, with the data that shows it.");
  await expect(page.locator("[aria-current='true']")).toContainText("Problem");

  // Shortcuts: a word made bold, a line made a list.
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Labels take ");
  await page.keyboard.type("ten");
  await page.keyboard.press("Shift+ArrowLeft");
  await page.keyboard.press("Shift+ArrowLeft");
  await page.keyboard.press("Shift+ArrowLeft");
  await page.keyboard.press("ControlOrMeta+b");
  await page.keyboard.press("End");
  await page.keyboard.type(" minutes each.");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Printers jam");
  await page.keyboard.press("ControlOrMeta+Shift+8");
  await expect(page.locator("input[name='body']")).toHaveValue(/Labels take \*\*ten\*\* minutes each\.\n- Printers jam/);

  // The preview is the server's rendering, as readers will see it.
  const preview = page.getByTestId("preview");
  await expect(preview.locator("strong")).toHaveText("ten");
  await expect(preview.locator("li")).toHaveText("Printers jam");

  // Leave without saving: the draft was saved as it was typed, and comes back.
  await expect(page.getByTestId("draft-status")).toContainText("Draft saved");
  await page.goto(`/projects/${project.key}`);
  await page.goto(url);
  await expect(page.getByTestId("draft-restored")).toContainText("Restored your unsaved draft");
  await expect(page.locator("input[name='body']")).toHaveValue(/Labels take \*\*ten\*\* minutes each\./);
  // Discarded, the editor starts from the template again.
  await page.getByRole("button", { name: "Discard the draft" }).click();
  await expect(page.getByTestId("draft-restored")).toHaveCount(0);
  await expect(page.locator("input[name='body'], textarea[name='body']")).not.toHaveValue(/Labels take/);
});
