// Issue 13, item 1: every main page renders the same text on the server and in the browser in any
// time zone (the fixture fails a test on any hydration or console error), calendar dates stay the
// days they are, and instants are shown in the browser's zone with the zone named.
import { expect, login, mainPages, test } from "./data";

const ZONES = [
  { timezoneId: "America/Los_Angeles", named: /GMT-[78]/ },
  { timezoneId: "Asia/Tokyo", named: /GMT\+9/ },
  { timezoneId: "Europe/Berlin", named: /CES?T|GMT\+[12]/ },
];

for (const zone of ZONES) {
  test.describe(`in ${zone.timezoneId}`, () => {
    test.use({ timezoneId: zone.timezoneId });

    test("the main pages hydrate without errors, and instants are in this zone", async ({ page, data }) => {
      // Sixteen pages one after the other: more than the default 30 s on a busy machine.
      test.setTimeout(120_000);
      const pages = await mainPages(data.db);
      await login(page, "member@example.com");
      for (const path of pages) {
        await page.goto(path);
        await page.waitForLoadState("networkidle");
      }
      // The browser told the server its zone on the first page: times now name it.
      await page.goto("/projects/GP-1/history");
      await expect(page.locator("section[aria-labelledby='audit'] time").first()).toHaveText(zone.named);
    });
  });
}
