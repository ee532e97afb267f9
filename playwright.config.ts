import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { chromium, defineConfig, devices } from "@playwright/test";
import { E2E_CLUSTER, E2E_DATABASE_URL } from "./tests/e2e/database-url";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const DEBIAN_CHROMIUM = "/usr/bin/chromium";
// Without these, Chromium keeps calling home, which this network refuses.
const QUIET_FLAGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

/**
 * Playwright's own Chromium when it is installed, otherwise the system's; with neither,
 * install Playwright's and say so. `npm test` never fails for want of a browser.
 */
function findBrowser(): string | undefined {
  if (process.env.PLAYWRIGHT_CHROMIUM_PATH) return process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (fs.existsSync(chromium.executablePath())) return undefined;
  if (fs.existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  console.log("No Chromium found: installing Playwright's Chromium (npx playwright install chromium)...");
  const result = spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
  if (result.status !== 0) {
    throw new Error(`Could not install a browser. Install Debian's chromium (apt-get install chromium) or run "npx playwright install chromium".`);
  }
  return undefined;
}

const executablePath = findBrowser();

// The server's session secret, known to the tests too: they make the signed links it makes (an email's unsubscribe).
const SESSION_SECRET = "e2e-session-secret-for-signed-links-0123456789";
process.env.SESSION_SECRET ??= SESSION_SECRET;

export default defineConfig({
  testDir: "tests/e2e",
  // Every test makes the projects it changes (tests/e2e/data.ts) and only reads the demo's, so
  // tests run in any order on parallel workers against the one server. E2E_WORKERS overrides.
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: { executablePath, args: executablePath ? QUIET_FLAGS : [] },
  },
  webServer: {
    // A fresh demo workspace for every run; on PostgreSQL, two server processes behind the port.
    command: "npx tsx tests/e2e/fresh-database.ts && npm start --silent",
    url: `http://localhost:${PORT}/readyz`,
    reuseExistingServer: false,
    timeout: 180_000,
    env: {
      PORT: String(PORT),
      DATABASE_URL: E2E_DATABASE_URL,
      LOGIN_RATE_LIMIT: "1000",
      API_RATE_LIMIT: "30",
      DEMO_PASSWORD: "e2e-demo-password",
      SESSION_SECRET: process.env.SESSION_SECRET,
      // The delivery worker tells queued notices every second, so a test waits for them briefly.
      DELIVERY_SECONDS: "1",
      WEB_CONCURRENCY: E2E_CLUSTER ? "2" : "1",
    },
  },
});
