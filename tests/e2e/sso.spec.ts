// Signing in with the organisation's identity provider (issue 25, item 5), in a browser, against
// a real OpenID provider running in this test process, and a server of the file's own configured
// with it: a person with an account signs in through the provider; a newcomer is turned away
// until an administrator lets their domain in; with passwords switched off only the break-glass
// administrator may still use one.
import type { Page } from "@playwright/test";
import { removeDb, startServer, tempDbFile, type RunningServer } from "../setup/server";
import { startIdentityProvider, type IdentityProvider } from "../setup/oidc";
import { expect, PASSWORD, test } from "./helpers";

let idp: IdentityProvider;
let server: RunningServer;
let dbFile = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  idp = await startIdentityProvider({
    "max@northwind": { email: "member@example.com", email_verified: true, name: "Max Member" },
    "nia@northwind": { email: "nia@northwind.example", email_verified: true, name: "Nia Newcomer" },
    "unverified@northwind": { email: "admin@example.com", email_verified: false, name: "Not Ada" },
  });
  dbFile = tempDbFile();
  const started = await startServer({
    dbFile,
    env: { DEMO_PASSWORD: PASSWORD, OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: idp.clientId, OIDC_CLIENT_SECRET: idp.clientSecret, OIDC_NAME: "Northwind SSO" },
  });
  if (!started.ok) throw new Error(`the server did not start:\n${started.output}`);
  server = started.server;
  idp.register(`${server.base}/auth/sso/callback`);
});

test.afterAll(async () => {
  await server?.stop();
  if (dbFile) removeDb(dbFile);
  await idp?.close();
});

/**
 * Through the provider's own pages: its sign-in form, then its consent. A browser the provider
 * already knows (it signed in there before) is sent straight back.
 */
async function signInAtProvider(page: Page, login: string, options: { known?: boolean } = {}) {
  await page.goto(`${server.base}/login`);
  await page.getByRole("link", { name: "Sign in with Northwind SSO" }).click();
  if (options.known) return;
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/`));
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

/** Signs in with a password; answers whether it worked (the board), having waited for the answer either way. */
async function signInWithPassword(page: Page, email: string): Promise<boolean> {
  await page.goto(`${server.base}/login`);
  const emergency = page.getByText("The administrator’s emergency sign-in");
  if (await emergency.isVisible()) await emergency.click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const outcome = async () =>
    new URL(page.url()).pathname === "/board" ? "board" : (await page.getByText(/Passwords are switched off|incorrect/).count()) > 0 ? "refused" : "waiting";
  await expect.poll(outcome, { timeout: 15_000 }).not.toBe("waiting");
  return (await outcome()) === "board";
}

test("people sign in through the identity provider; newcomers only when let in; passwords only for the break-glass administrator", async ({ browser }) => {
  test.setTimeout(120_000);
  const fresh = async () => (await browser.newContext()).newPage();

  await test.step("someone with an account signs in through the provider and lands on the board", async () => {
    const page = await fresh();
    await signInAtProvider(page, "max@northwind");
    await expect(page).toHaveURL(`${server.base}/board`);
    await expect(page.getByRole("link", { name: "Max Member member" })).toBeVisible();
  });

  await test.step("an email the provider has not verified signs nobody in", async () => {
    const page = await fresh();
    await signInAtProvider(page, "unverified@northwind");
    await expect(page.getByRole("alert")).toContainText("has not verified admin@example.com");
  });

  await test.step("a newcomer is turned away until an administrator lets their domain in, then joins as a member", async () => {
    const nia = await fresh();
    await signInAtProvider(nia, "nia@northwind");
    await expect(nia.getByRole("alert")).toContainText("There is no Gatepath account for nia@northwind.example. Ask an administrator to invite you.");

    const admin = await fresh();
    expect(await signInWithPassword(admin, "admin@example.com")).toBe(true);
    await admin.goto(`${server.base}/settings/sign-in`);
    await admin.getByLabel(/become members when they first sign in/).check();
    await admin.getByLabel("Email domains").fill("northwind.example");
    await admin.getByRole("button", { name: "Save" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

    // The provider remembers Nia: this time Gatepath lets her in.
    await signInAtProvider(nia, "nia@northwind", { known: true });
    await expect(nia).toHaveURL(`${server.base}/board`);
    await expect(nia.getByRole("link", { name: "Nia Newcomer member" })).toBeVisible();
  });

  await test.step("passwords switched off: a member's is refused, the break-glass administrator's still works", async () => {
    const admin = await fresh();
    expect(await signInWithPassword(admin, "admin@example.com")).toBe(true);
    await admin.goto(`${server.base}/settings/sign-in`);
    await admin.getByLabel(/Only through the identity provider/).check();
    // Without an administrator to keep a password, the change is refused next to the field.
    await admin.getByRole("button", { name: "Save" }).click();
    await expect(admin.getByText("Choose the administrator who keeps a password")).toBeVisible();
    await admin.getByLabel("The administrator who keeps a password").selectOption({ label: "Ada Admin (admin@example.com)" });
    await admin.getByRole("button", { name: "Save" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

    const member = await fresh();
    expect(await signInWithPassword(member, "member@example.com")).toBe(false);
    await expect(member.getByText("Passwords are switched off here: sign in with Northwind SSO.")).toBeVisible();

    const keeper = await fresh();
    expect(await signInWithPassword(keeper, "admin@example.com")).toBe(true);
  });
});
