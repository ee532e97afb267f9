-- A count, a duration or an amount is never negative unless the metric says so (issue 13, item 2).
ALTER TABLE "Metric" ADD COLUMN "allowsNegative" BOOLEAN NOT NULL DEFAULT false;
