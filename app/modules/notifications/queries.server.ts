// Every raw SQL statement of notifications (issue 25), in one place: telling a notice's audience
// and queueing their emails, and queueing a webhook event for the endpoints that want it. Each is
// one INSERT … SELECT whatever the number of rows it makes. Portable SQL; dates through the
// dialect module.
import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { dialectOf } from "~/utils/dialect.server";
import type { Audience, EmailMode, Notice } from "./kinds";

/** The ids of the audience, read from its own tables (the cost follows the audience, not the number of people). */
function recipients(audience: Audience): Prisma.Sql {
  const p = audience.projectId ?? null;
  const sources: Prisma.Sql[] = [];
  if (audience.users && audience.users.length > 0)
    sources.push(Prisma.sql`SELECT x."id" AS "id" FROM "User" x WHERE x."id" IN (${Prisma.join(audience.users)})`);
  if (p && audience.owner) sources.push(Prisma.sql`SELECT COALESCE(pr."ownerId", pr."proposerId") AS "id" FROM "Project" pr WHERE pr."id" = ${p}`);
  if (p && audience.roles && audience.roles.length > 0) {
    sources.push(
      Prisma.sql`SELECT r."userId" AS "id" FROM "ProjectRole" r WHERE r."projectId" = ${p} AND CAST(r."role" AS TEXT) IN (${Prisma.join([...audience.roles])})`,
    );
  }
  if (p && audience.watchers) sources.push(Prisma.sql`SELECT w."userId" AS "id" FROM "ProjectWatch" w WHERE w."projectId" = ${p}`);
  return sources.length > 0 ? Prisma.sql`u."id" IN (${Prisma.join(sources, " UNION ")})` : Prisma.sql`1 = 0`;
}

/**
 * A notification for each person of the audience who is active, has an account role in
 * `readers` and is not the actor (nor told this `dedupe` before); each with the mode the person
 * chose for the kind, else `defaultMode` (null: no email at all). Answers how many were made.
 */
export function insertNotifications(
  tx: Tx,
  input: Notice & { batch: string; at: Date; readers: readonly string[]; defaultMode: EmailMode | null },
): Promise<number> {
  const d = dialectOf(tx);
  const email =
    input.defaultMode === null
      ? Prisma.sql`NULL`
      : Prisma.sql`(SELECT CASE COALESCE((SELECT s."mode" FROM "NotificationSetting" s WHERE s."userId" = u."id" AND s."kind" = ${input.kind}), ${input.defaultMode}) WHEN 'now' THEN 'now' WHEN 'digest' THEN 'digest' ELSE NULL END)`;
  return tx.$executeRaw(Prisma.sql`
    INSERT INTO "Notification" ("userId", "kind", "title", "href", "projectId", "batch", "dedupe", "email", "createdAt")
    SELECT u."id", ${input.kind}, ${input.title}, ${input.href}, ${input.projectId ?? null}, ${input.batch}, ${input.dedupe ?? null}, ${email}, ${d.storedDate(input.at)}
    FROM "User" u
    WHERE u."deactivatedAt" IS NULL AND CAST(u."role" AS TEXT) IN (${Prisma.join([...input.readers])})
      AND u."id" <> ${input.actorId ?? ""} AND ${recipients(input.audience)}
      ${input.dedupe ? Prisma.sql`AND NOT EXISTS (SELECT 1 FROM "Notification" o WHERE o."dedupe" = ${input.dedupe} AND o."userId" = u."id")` : Prisma.empty}`);
}

/** An email in the outbox for each notification of the batch that goes at once; its id is made from the notification's, so it is queued once. */
export function queueEmailsOfBatch(tx: Tx, batch: string, at: Date): Promise<number> {
  const d = dialectOf(tx);
  return tx.$executeRaw(Prisma.sql`
    INSERT INTO "OutboxMessage" ("messageId", "channel", "userId", "notificationId", "kind", "status", "attempts", "nextAttemptAt", "createdAt")
    SELECT 'gatepath-n' || CAST(n."id" AS TEXT) || '.' || n."batch", 'email', n."userId", n."id", n."kind", 'pending', 0, ${d.storedDate(at)}, ${d.storedDate(at)}
    FROM "Notification" n WHERE n."batch" = ${batch} AND n."email" = 'now'`);
}

/** A delivery in the outbox for every active endpoint that wants `type`, each under its own webhook-id. */
export function queueWebhookDeliveries(tx: Tx, input: { type: string; payload: string; batch: string; at: Date }): Promise<number> {
  const d = dialectOf(tx);
  return tx.$executeRaw(Prisma.sql`
    INSERT INTO "OutboxMessage" ("messageId", "channel", "endpointId", "kind", "payload", "status", "attempts", "nextAttemptAt", "createdAt")
    SELECT 'msg_' || ${input.batch} || '_' || e."id", 'webhook', e."id", ${input.type}, ${input.payload}, 'pending', 0, ${d.storedDate(input.at)}, ${d.storedDate(input.at)}
    FROM "WebhookEndpoint" e WHERE e."active" = TRUE AND e."events" LIKE ${`%,${input.type},%`}`);
}
