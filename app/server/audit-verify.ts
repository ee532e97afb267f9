// npm run audit:verify: checks the audit trail's hash chain and the gate reviews it seals, and
// prints the chain's head (write it down elsewhere: a later run that prints an older head, or
// another hash for the same id, shows the trail was rewritten). Exits 1 at the first break.
import { checkDatabaseDirectory, DEFAULT_DATABASE_URL } from "./prepare";

// Reads only: no migration here, so it can run beside a serving process.
process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;
checkDatabaseDirectory(process.env.DATABASE_URL);
const { prisma } = await import("~/utils/db.server");
const { verifyAuditTrail } = await import("~/modules/audit/verify.server");
const result = await verifyAuditTrail(prisma);
await prisma.$disconnect();
const { events, reviews } = result;
console.log(
  `audit: ${events.checked} chained events verified${events.unchained ? `, ${events.unchained} older events written before the chain (not covered)` : ""}`,
);
console.log(
  `audit: ${reviews.checked} decided gate reviews match their sealed decision${reviews.unsealed ? `, ${reviews.unsealed} decided before the chain (not covered)` : ""}`,
);
if (events.head) console.log(`audit: head is event ${events.head.id}, hash ${events.head.hash}`);
if (events.firstBreak) console.log(`audit: BROKEN at event ${events.firstBreak.id}: ${events.firstBreak.reason}`);
if (reviews.firstBreak)
  console.log(
    `audit: BROKEN gate review ${reviews.firstBreak.reviewId}${reviews.firstBreak.projectKey ? ` of ${reviews.firstBreak.projectKey}` : ""}: ${reviews.firstBreak.reason}`,
  );
process.exit(events.firstBreak || reviews.firstBreak ? 1 : 0);
