// The emails Gatepath sends about notifications (issue 25), pure: one notification at once, or a
// day's in a digest. Plain text, each item with the link where it is seen, and a line that says
// how to stop this kind of email (the List-Unsubscribe header carries the same link).
import { NOTIFICATION_KINDS, type NotificationKind } from "./kinds";

export type EmailItem = { kind: string; title: string; href: string };
export type NotificationEmail = { subject: string; text: string };

const absolute = (appUrl: string, href: string) => new URL(href, appUrl.endsWith("/") ? appUrl : `${appUrl}/`).toString();

/** One notification, sent at once. */
export function immediateEmail(input: { name: string; item: EmailItem; appUrl: string; unsubscribeUrl: string }): NotificationEmail {
  const kind = NOTIFICATION_KINDS[input.item.kind as NotificationKind];
  return {
    subject: input.item.title,
    text: [
      `Hello ${input.name},`,
      "",
      input.item.title,
      "",
      `Open it in Gatepath: ${absolute(input.appUrl, input.item.href)}`,
      "",
      "--",
      `You get this email because ${kind ? `"${kind.label}"` : "this kind"} is set to email you at once.`,
      `Stop these emails: ${input.unsubscribeUrl}`,
      `Choose what Gatepath emails you: ${absolute(input.appUrl, "/settings/notifications")}`,
      "",
    ].join("\n"),
  };
}

/** A day's notifications in one email, grouped by kind in the order of the settings page. */
export function digestEmail(input: { name: string; date: string; items: EmailItem[]; appUrl: string; unsubscribeUrl: string }): NotificationEmail {
  const groups = (Object.keys(NOTIFICATION_KINDS) as NotificationKind[])
    .map((kind) => ({ kind, items: input.items.filter((i) => i.kind === kind) }))
    .filter((g) => g.items.length > 0);
  const n = input.items.length;
  return {
    subject: `Gatepath digest for ${input.date}: ${n} ${n === 1 ? "notification" : "notifications"}`,
    text: [
      `Hello ${input.name},`,
      "",
      `What happened in Gatepath since your last digest (${n}):`,
      ...groups.flatMap((g) => ["", `${NOTIFICATION_KINDS[g.kind].label}:`, ...g.items.map((i) => `- ${i.title}\n  ${absolute(input.appUrl, i.href)}`)]),
      "",
      `All your notifications: ${absolute(input.appUrl, "/notifications")}`,
      "",
      "--",
      `Stop the daily digest: ${input.unsubscribeUrl}`,
      `Choose what Gatepath emails you: ${absolute(input.appUrl, "/settings/notifications")}`,
      "",
    ].join("\n"),
  };
}
