// Issue 13, item 1: every main page renders the same text on the server and in the browser in any
// time zone (the fixture fails a test on any hydration or console error), calendar dates stay the
// days they are, and instants are shown in the browser's zone with the zone named.
import { expect, login, test } from "./data";

const ZONES = [
  { timezoneId: "America/Los_Angeles", named: /GMT-[78]/ },
  { timezoneId: "Asia/Tokyo", named: /GMT\+9/ },
  { timezoneId: "Europe/Berlin", named: /CES?T|GMT\+[12]/ },
];

for (const zone of ZONES) {
  test.describe(`in ${zone.timezoneId}`, () => {
    test.use({ timezoneId: zone.timezoneId });

    test("the main pages hydrate without errors, and instants are in this zone", async ({ page, data }) => {
      const metric = await data.db.metric.findFirstOrThrow({ where: { project: { key: "GP-1" }, kind: "output" }, select: { id: true } });
      const artifact = await data.db.artifact.findFirstOrThrow({ where: { project: { key: "GP-1" } }, select: { id: true } });
      await login(page, "member@example.com");
      for (const path of [
        "/board",
        "/projects",
        "/projects/GP-1",
        "/projects/GP-1/plan",
        "/projects/GP-1/artifacts",
        "/projects/GP-1/metrics",
        "/projects/GP-1/decisions",
        "/projects/GP-1/people",
        "/projects/GP-1/history",
        `/metrics/${metric.id}`,
        `/artifacts/${artifact.id}`,
        "/artifacts",
        "/dashboard",
        "/teams/fulfilment/wbr",
        "/playbook",
        "/inbox",
      ]) {
        await page.goto(path);
        await page.waitForLoadState("networkidle");
      }
      // The browser told the server its zone on the first page: times now name it.
      await page.goto("/projects/GP-1/history");
      await expect(page.locator("section[aria-labelledby='audit'] time").first()).toHaveText(zone.named);
    });
  });
}
