import { test as base, expect, type Page } from "@playwright/test";

export const PASSWORD = "e2e-demo-password";

/**
 * Every test fails on a script error in the page, or a console error other than a refused
 * request (tests provoke 400s and 403s on purpose): a route module that cannot load on the
 * client would otherwise hide behind the server-rendered page.
 */
export const test = base.extend<{ pageErrors: void }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
      page.on("console", (m) => {
        if (m.type() === "error" && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
      });
      await use();
      expect(errors, "errors in the browser").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Signs in as `email`, signing out whoever was signed in first. Without `redirectTo` it posts
 * the login form from the page's request context (which shares the page's cookies) and stays
 * where it is: a test goes to its own page next, and no board is rendered for nothing. With
 * `redirectTo` it signs in through the form, as a person would, and lands where that says.
 */
export async function login(page: Page, email: string, redirectTo?: string) {
  await page.context().clearCookies();
  if (redirectTo === undefined) {
    const response = await page.request.post("/login", { form: { email, password: PASSWORD }, maxRedirects: 0 });
    expect(response.status(), `signing in as ${email}`).toBe(302);
    return;
  }
  await page.goto(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Opens one of the project page's tabs (Overview, Plan, Artifacts, Metrics, Decisions, People, History) by its link, as a person would. */
export async function openTab(page: Page, name: string) {
  const link = page.getByRole("navigation", { name: "Project sections" }).getByRole("link", { name, exact: true });
  await link.click();
  await expect(link).toHaveAttribute("aria-current", "page");
}

/**
 * Replaces the text of the artifact editor's document as typing does, once its CodeMirror editor
 * has loaded. (Playwright's fill() would edit the editable element with the browser's editing
 * commands, which leave style attributes the page's CSP refuses; typing does not.)
 */
export async function fillDocument(page: Page, text: string) {
  const editor = page.locator(".cm-content");
  await expect(editor).toBeVisible();
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
  await expect(page.locator("input[name='body']")).toHaveValue(text);
}

/** The artifact editor's document as its form will send it, once the editor's page is showing. */
export async function documentText(page: Page) {
  const form = page.getByRole("form", { name: /^Save (new version|draft)$/ });
  await expect(form).toBeVisible();
  return form.locator("input[name='body'], textarea[name='body']").inputValue();
}
