/** The database the e2e server runs on, made fresh by playwright.config.ts for every run; tests/e2e/data.ts writes to it too. */
export const E2E_DATABASE_URL = "file:./tests/.tmp/e2e.db";
