import { expect, login, PASSWORD, test } from "./helpers";

test("sends a signed-out visitor to the login page and back after signing in", async ({ page }) => {
  await page.goto("/projects/GP-1");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fprojects%2FGP-1/);
  await page.getByLabel("Email").fill("admin@example.com");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/projects\/GP-1$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Live pick lists for shift leads");
});

test("a wrong password is refused with a message and no session", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("admin@example.com");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText(/Email or password is incorrect/);
  await page.goto("/board");
  await expect(page).toHaveURL(/\/login/);
});

test("after a wrong password, the corrected one signs in", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("member@example.com");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText(/Email or password is incorrect/);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/board$/);
});

test("an off-site redirectTo is ignored after login", async ({ page }) => {
  await login(page, "member@example.com", "https://evil.example.com/");
  await expect(page).toHaveURL(/\/board$/);
});

// Paths whose dot segments collapse into "//evil.example" once resolved (issue 23): the browser
// follows each answer and must stay on this site.
const COLLAPSING = ["/..//evil.example", "/%2e%2e//evil.example", "/board/..//evil.example", "/.//evil.example"];

test("a redirectTo that resolves to another site is ignored after login", async ({ page, baseURL }) => {
  for (const redirectTo of COLLAPSING) {
    await login(page, "member@example.com", redirectTo);
    await expect(page, redirectTo).toHaveURL(/\/board$/);
    expect(new URL(page.url()).origin, redirectTo).toBe(new URL(baseURL!).origin);
  }
});

test("the theme switch stays on this site whatever redirectTo it is sent", async ({ page, baseURL }) => {
  await login(page, "member@example.com");
  for (const redirectTo of COLLAPSING) {
    await page.goto("/board");
    // The form as a forged page would send it: the switch's own hidden field rewritten.
    await page.locator("form[action='/theme'] input[name='redirectTo']").evaluate((input, value) => ((input as HTMLInputElement).value = value), redirectTo);
    await page.locator("form[action='/theme'] button:visible").click();
    await expect(page.getByTestId("toast"), redirectTo).toBeVisible();
    expect(new URL(page.url()).origin, redirectTo).toBe(new URL(baseURL!).origin);
    await expect(page, redirectTo).toHaveURL(/\/settings\/profile$/);
  }
});

test("signing in marks the browser as known for that account, for sign-in only (issue 23)", async ({ page }) => {
  await login(page, "member@example.com", "/board");
  const device = (await page.context().cookies()).find((c) => c.name === "__gatepath_device");
  expect(device).toMatchObject({ path: "/login", httpOnly: true, sameSite: "Lax" });
  // It says nothing readable about the account.
  expect(device!.value).not.toContain("member");
});

test("signing out ends the session", async ({ page }) => {
  await login(page, "member@example.com", "/board");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/board");
  await expect(page).toHaveURL(/\/login/);
});

test("the board shows six stage columns with projects", async ({ page }) => {
  await login(page, "viewer@example.com");
  await page.goto("/");
  await expect(page).toHaveURL(/\/board$/);
  const columns = page.locator("section[aria-labelledby^='col-']");
  await expect(columns).toHaveCount(6);
  await expect(page.getByRole("heading", { name: /Problem identified/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /GP-1\b.*Live pick lists/ })).toBeVisible();
  await expect(page.locator("[data-card='GP-1']")).toContainText("5 of 5 must-meet");
});

test("an unknown project is a 404 page", async ({ page }) => {
  await login(page, "viewer@example.com");
  const response = await page.goto("/projects/GP-999999");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("health and readiness answer; public files are served, missing ones are a 404", async ({ request }) => {
  expect((await request.get("/healthz")).status()).toBe(200);
  expect((await request.get("/readyz")).status()).toBe(200);
  const icon = await request.get("/favicon.svg");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  expect(icon.headers()["cache-control"]).toBe("public, max-age=3600");
  expect((await request.get("/no-such-file.svg")).status()).toBe(404);
});

test("a session cookie kept after signing out no longer works", async ({ page, context }) => {
  await login(page, "member@example.com", "/board");
  const kept = await context.cookies();
  expect(kept.find((c) => c.name === "__gatepath")).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await context.addCookies(kept);
  await page.goto("/board");
  await expect(page).toHaveURL(/\/login/);
});
