// npm run audit:verify [-- --head FILE|ID:HASH]: checks the audit trail's hash chain, the gate
// reviews and signatures it seals, and, given a head kept outside the database (an anchor file
// or a head printed earlier), that the trail still holds it. Prints the chain's head; exits 1 at
// the first break. What the database alone cannot show: README "Security", decision 46.
import { commandLine } from "~/utils/cli.server";
import { checkDatabaseDirectory, DEFAULT_DATABASE_URL, fail } from "./prepare";

const USAGE = `npm run audit:verify [-- --head FILE|ID:HASH]: checks the audit trail's hash chain, the gate
reviews and signatures it seals, and, given a head kept outside the database (an anchor file
or a head printed earlier), that the trail still holds it. Prints the chain's head; exits 1 at
the first break. What the database alone cannot show: README "Security", decision 46.`;

const { values } = commandLine(USAGE, { options: { head: { type: "string" } } });

// Reads only: no migration here, so it can run beside a serving process.
process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;
checkDatabaseDirectory(process.env.DATABASE_URL);
const { readKeptHead } = await import("~/modules/audit/anchor.server");
const kept = values.head === undefined ? undefined : await readKeptHead(values.head);
if (typeof kept === "string") fail(kept);
const { prisma } = await import("~/utils/db.server");
const { verifyAuditTrail } = await import("~/modules/audit/verify.server");
const result = await verifyAuditTrail(prisma, { kept });
await prisma.$disconnect();
const { events, reviews, signatures } = result;
console.log(
  `audit: ${events.checked} chained events verified${events.unchained ? `, ${events.unchained} older events written before the chain (not covered)` : ""}`,
);
console.log(
  `audit: ${reviews.checked} decided gate reviews match their sealed decision${reviews.unsealed ? `, ${reviews.unsealed} decided before the chain (not covered)` : ""}`,
);
console.log(
  `audit: ${signatures.checked} gate signatures match their seals${signatures.unsealed ? `, ${signatures.unsealed} given before signatures were sealed (not covered)` : ""}`,
);
if (events.head) console.log(`audit: head is event ${events.head.id}, hash ${events.head.hash}`);
if (result.kept && !result.kept.firstBreak) console.log(`audit: the kept head, event ${result.kept.head.id}, is in the trail with its hash`);
if (!result.kept) console.log("audit: no kept head given (--head): deleting the newest events, or hashing the whole chain anew, would not show here");
const breaks = [
  events.firstBreak && `event ${events.firstBreak.id}: ${events.firstBreak.reason}`,
  reviews.firstBreak &&
    `gate review ${reviews.firstBreak.reviewId}${reviews.firstBreak.projectKey ? ` of ${reviews.firstBreak.projectKey}` : ""}: ${reviews.firstBreak.reason}`,
  signatures.firstBreak && `gate signature ${signatures.firstBreak.signatureId} of review ${signatures.firstBreak.reviewId}: ${signatures.firstBreak.reason}`,
  result.kept?.firstBreak,
].filter(Boolean);
for (const line of breaks) console.log(`audit: BROKEN at ${line}`);
process.exit(breaks.length ? 1 : 0);
