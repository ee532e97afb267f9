-- Rate limit counters shared by every server process (issue 14, item 4): one row per limited
-- key, its hits in the current window and when the window ends (epoch milliseconds).
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "hits" INTEGER NOT NULL,
    "resetAt" BIGINT NOT NULL
);

CREATE INDEX "RateLimit_resetAt_idx" ON "RateLimit"("resetAt");
