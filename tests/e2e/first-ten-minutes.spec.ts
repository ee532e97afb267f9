// Issue 12 end to end, in a browser, on a server of its own with an empty database: the first
// ten minutes of a new organisation, step by step as README.md "The first ten minutes" writes
// them (issue 27, item 1). Set up the workspace, ask two signatures at the first gate, make a
// team, invite two people into it (one its gatekeeper) who join with their copied links, create
// the first project from the Projects page, and have the gatekeeper and the administrator sign
// the gate; the review leaves both inboxes.
import type { Browser, Page } from "@playwright/test";
import { expect, openTab, test } from "./helpers";
import { emptyWorkspaceForThisFile } from "./empty-workspace";

const TOKEN = "e2e-first-ten-minutes-token-000000";
const PASSWORD = "pallet-ramp-quietly-42";
const workspace = emptyWorkspaceForThisFile(TOKEN);

/**
 * The administrator invites someone into a team in its role, copies the one-time link with its
 * button, and they join in a browser of their own: an empty board tells them how to start.
 */
async function inviteAndJoin(admin: Page, browser: Browser, name: string, email: string, teamRole: "member" | "gatekeeper"): Promise<Page> {
  await admin.goto(`${workspace().base}/settings/people`);
  const invite = admin.locator("section[aria-labelledby='invite-heading']");
  await invite.getByLabel("Email").fill(email);
  await invite.getByLabel("Name").fill(name);
  await invite.getByLabel("Role", { exact: true }).selectOption("member");
  await invite.getByLabel("Team", { exact: true }).selectOption({ label: "Outbound" });
  await invite.getByLabel("Role in the team").selectOption(teamRole);
  await invite.getByRole("button", { name: "Invite" }).click();
  await expect(admin.getByRole("status").filter({ hasText: `${name} is invited and in Outbound.` })).toBeVisible();
  const link = (await admin.getByTestId("signup-link").innerText()).trim();
  await admin.getByRole("button", { name: "Copy link" }).click();
  await expect(admin.getByText("Copied.", { exact: true })).toBeVisible();
  expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(link);
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page).toHaveURL(/\/board$/);
  await expect(page.getByTestId("no-projects")).toContainText("Create the first project");
  return page;
}

test("a new organisation's first ten minutes: setup, a team with a gatekeeper, two invited people, and a gate two deciders sign", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const olu = page;
  let pia: Page;
  let sam: Page;
  let projectUrl = "";

  await test.step("the first visit sets up the workspace with the printed token", async () => {
    await olu.goto(`${workspace().base}/`);
    await expect(olu).toHaveURL(/\/setup$/);
    await olu.getByLabel("Setup token").fill(TOKEN);
    await olu.getByLabel("Organisation").fill("Northwind Logistics");
    await olu.getByLabel("Your name").fill("Olu Admin");
    await olu.getByLabel("Email").fill("olu@northwind.test");
    await olu.getByLabel("Password").fill(PASSWORD);
    await olu.getByRole("button", { name: "Create the workspace" }).click();
    await expect(olu).toHaveURL(/\/board$/);
    await expect(olu.getByTestId("no-projects")).toContainText("No projects yet");
    await olu.goto(`${workspace().base}/inbox`);
    await expect(olu.getByTestId("first-steps")).toContainText("What will be here");
  });

  await test.step("the first gate asks two signatures", async () => {
    await olu.goto(`${workspace().base}/playbook/identify`);
    const quorum = olu.locator("section[aria-labelledby='quorum-heading']");
    await quorum.getByLabel("Signatures").fill("2");
    await quorum.getByLabel("Change note").fill("Two deciders sign every new problem");
    await quorum.getByRole("button", { name: "Save quorum" }).click();
    await expect(olu.getByText("· expected 21 days · 2 deciders sign")).toBeVisible();
  });

  await test.step("a team; two people invited into it, one as its gatekeeper, who join with their links", async () => {
    await olu.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await olu.goto(`${workspace().base}/settings/teams`);
    await expect(olu.getByText("No teams yet.")).toBeVisible();
    await olu.getByLabel("Name").fill("Outbound");
    await olu.getByRole("button", { name: "Create team" }).click();
    await expect(olu.getByRole("heading", { level: 1 })).toHaveText("Outbound");
    pia = await inviteAndJoin(olu, browser, "Pia Gatekeeper", "pia@northwind.test", "gatekeeper");
    sam = await inviteAndJoin(olu, browser, "Sam Owner", "sam@northwind.test", "member");

    await olu.goto(`${workspace().base}/settings/teams/outbound`);
    await expect(olu.locator("[data-member='pia@northwind.test']").getByRole("combobox")).toHaveValue("gatekeeper");
    await expect(olu.locator("[data-member='sam@northwind.test']").getByRole("combobox")).toHaveValue("member");
    await olu.goto(`${workspace().base}/settings/teams`);
    await expect(olu.locator("[data-team='outbound']")).toContainText("Open");
  });

  await test.step("Sam proposes a project with its narrative, which Pia approves from her inbox", async () => {
    await sam.goto(`${workspace().base}/projects`);
    await expect(sam.getByTestId("no-projects")).toBeVisible();
    await sam.getByRole("link", { name: "New project" }).first().click();
    await expect(sam).toHaveURL(/\/projects\/new$/);
    await sam.getByLabel("Title").fill("Same-day returns pickup");
    await sam.getByLabel("Team").selectOption({ label: "Outbound" });
    await sam.getByLabel("Customer", { exact: true }).fill("Customers returning large items");
    await sam.getByLabel("Customer's problem").fill("A courier collects returns only on Fridays");
    await sam.getByLabel("Why now?").fill("Returns of large items tripled since the sofa range launched");
    await sam.getByRole("button", { name: "Create project" }).click();
    await expect(sam.getByRole("heading", { level: 1 })).toHaveText("Same-day returns pickup");
    projectUrl = new URL(sam.url()).pathname;
    await sam.goto(`${workspace().base}${projectUrl}/artifacts/new?kind=email&stage=identify&mode=link`);
    await sam.getByLabel("Title").fill("Kick-off email: same-day returns");
    await sam.getByLabel("Link").fill("https://mail.northwind.test/threads/returns-kickoff");
    await sam.getByRole("button", { name: "Save draft" }).click();
    await sam.getByLabel("Reviewer").selectOption({ label: "Pia Gatekeeper" });
    await sam.getByRole("button", { name: "Request review" }).click();
    await expect(sam.getByText("In review", { exact: true })).toBeVisible();

    await pia.goto(`${workspace().base}/board`);
    await expect(pia.getByTestId("inbox-count")).toHaveText(/^1/);
    await pia.getByRole("link", { name: /^My work/ }).click();
    await pia.locator("[data-inbox='artifact']").getByRole("link").click();
    await pia.getByRole("button", { name: "Approve" }).click();
    await expect(pia.getByText("Approved", { exact: true })).toBeVisible();
    await pia.goto(`${workspace().base}/inbox`);
    await expect(pia.locator("[data-inbox='artifact']")).toHaveCount(0);
  });

  await test.step("the gatekeeper names the administrator decider; the administrator names the gatekeeper", async () => {
    // Two signatures are asked and only the administrator may sign yet: the gate says so.
    await sam.goto(`${workspace().base}${projectUrl}`);
    await expect(sam.getByTestId("quorum-warning")).toContainText("This gate needs 2 signatures, but only Olu Admin may sign it.");

    await pia.goto(`${workspace().base}${projectUrl}/people`);
    const roles = pia.locator("section[aria-labelledby='roles']");
    await expect(roles.locator("[data-role='proposer']")).toContainText("Sam Owner");
    await roles.getByText("Add someone to the project").click();
    // A gatekeeper of the project's team names deciders, and (PRODUCT.md's table) contributors,
    // stakeholders and people consulted, and may reassign the owner: a picker for each.
    await expect(roles.locator("[data-picker]")).toHaveCount(5);
    // The decider picker offers only those who may decide: not Pia herself, not Sam who proposed it; and says so.
    const decider = roles.getByLabel("Decider", { exact: true });
    await expect(decider.locator("option")).toHaveText(["Choose a person", "Olu Admin (admin)"]);
    await expect(roles.locator("[data-picker='decider']")).toContainText("Not offered: You (nobody names themselves), Sam Owner (the proposer).");
    await decider.selectOption({ label: "Olu Admin (admin)" });
    await roles.getByRole("button", { name: "Name decider" }).click();
    await expect(roles.locator("[data-role='decider']")).toContainText("Olu Admin");
    // An administrator already signs; naming him decider does not make a second signer.
    await expect(roles.getByTestId("quorum-warning")).toContainText("only Olu Admin may sign it");

    await olu.goto(`${workspace().base}${projectUrl}/people`);
    const hisRoles = olu.locator("section[aria-labelledby='roles']");
    await hisRoles.getByText("Add someone to the project").click();
    await hisRoles.getByLabel("Decider", { exact: true }).selectOption({ label: "Pia Gatekeeper (member)" });
    await hisRoles.getByRole("button", { name: "Name decider" }).click();
    await expect(hisRoles.locator("[data-role='decider']")).toHaveCount(2);
    await expect(hisRoles.getByTestId("quorum-warning")).toHaveCount(0);
  });

  await test.step("Sam asks for the review; it reaches both deciders' inboxes", async () => {
    await sam.goto(`${workspace().base}${projectUrl}`);
    await expect(sam.getByText("5 of 5 must-meet criteria met")).toBeVisible();
    await sam.getByRole("button", { name: "Request gate review" }).click();
    await expect(sam.getByTestId("pending-review")).toContainText("2 deciders must sign the same decision.");
    for (const who of [olu, pia]) {
      await who.goto(`${workspace().base}/inbox`);
      await expect(who.locator("[data-inbox='gate']")).toContainText("Same-day returns pickup — Problem identified gate, requested by Sam Owner");
    }
  });

  await test.step("Pia signs Go: recorded, not yet decided, and gone from her inbox", async () => {
    await pia.locator("[data-inbox='gate']").getByRole("link").click();
    await pia.getByLabel(/^Go/).check();
    await pia.getByLabel("Rationale").fill("Clear problem, and the kick-off email has the numbers");
    await pia.getByRole("button", { name: "Sign decision" }).click();
    await expect(pia.getByTestId("toast")).toContainText("Your signature for Go is recorded: 1 of the 2 deciders");
    await expect(pia.getByTestId("pending-review")).toContainText("Pia Gatekeeper signed Go");
    await expect(pia.getByText("You have already signed this gate review")).toBeVisible();
    await expect(pia.getByRole("heading", { name: "Gate: Problem identified" })).toBeVisible();
    await pia.goto(`${workspace().base}/inbox`);
    await expect(pia.locator("[data-inbox='gate']")).toHaveCount(0);
  });

  await test.step("Olu signs Go too, disagreeing and committing: the gate is passed with both signatures, and his inbox is clear", async () => {
    await olu.goto(`${workspace().base}/inbox`);
    await expect(olu.locator("[data-inbox='gate']")).toContainText("1 signed so far");
    await olu.locator("[data-inbox='gate']").getByRole("link").click();
    await olu.getByLabel(/^Go/).check();
    await olu.getByLabel("Rationale").fill("Go");
    await olu.getByLabel("Disagree and commit (optional)").fill("I would have waited for a second courier quote");
    await olu.getByRole("button", { name: "Sign decision" }).click();
    await expect(olu.getByRole("heading", { name: "Gate: Problem widely understood" })).toBeVisible();
    await openTab(olu, "Decisions");
    const decision = olu.locator("[data-decision='go']").first();
    await expect(decision).toContainText("Signed by Pia Gatekeeper: Go");
    await expect(decision).toContainText("Signed by Olu Admin: Go, “Go” · disagreed and committed: I would have waited for a second courier quote");
    await olu.goto(`${workspace().base}/inbox`);
    await expect(olu.locator("[data-inbox='gate']")).toHaveCount(0);
  });
});
