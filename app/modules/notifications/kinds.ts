// What Gatepath tells people (issue 25), pure: the kinds of notification, how each goes by email
// unless a person chooses otherwise, and when a person's daily digest is due in their own zone.
import { z } from "zod";
import { isTimeZone } from "~/utils/dates";
import type { ProjectRoleKind } from "~/modules/lifecycle/stages";

export const EMAIL_MODES = ["now", "digest", "off"] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

/**
 * Each kind, with its default email mode: what asks something of me goes at once, what only
 * informs me waits for the daily digest.
 */
export const NOTIFICATION_KINDS = {
  request: { label: "A review or signature is asked of me", email: "now" },
  mention: { label: "Someone mentions me in a comment", email: "now" },
  role: { label: "I am given a role on a project", email: "now" },
  decision: { label: "A gate is decided on a project I am on or watch", email: "digest" },
  comment: { label: "Someone comments on my document", email: "digest" },
  due: { label: "A condition or hold date of my project is due", email: "digest" },
  coe_due: { label: "A COE action item of mine is due", email: "digest" },
  gate_debt: { label: "My project runs up gate debt", email: "digest" },
} as const satisfies Record<string, { label: string; email: EmailMode }>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const KIND_NAMES = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];
export const isKind = (value: unknown): value is NotificationKind => typeof value === "string" && value in NOTIFICATION_KINDS;

/** A person's mode for a kind: their choice, else the kind's default. */
export function emailModeOf(kind: NotificationKind, chosen: ReadonlyMap<string, string>): EmailMode {
  const mode = chosen.get(kind);
  return (EMAIL_MODES as readonly string[]).includes(mode ?? "") ? (mode as EmailMode) : NOTIFICATION_KINDS[kind].email;
}

/** The digest's hour when a person has not chosen one: 8 in the morning, their time. */
export const DEFAULT_DIGEST_HOUR = 8;

const mode = z.enum(EMAIL_MODES, { message: "Choose at once, in the daily digest, or off." });

/** The settings form: a mode per kind, the digest's hour and zone. */
export const NotificationSettingsSchema = z.object({
  ...({ request: mode, mention: mode, role: mode, decision: mode, comment: mode, due: mode, coe_due: mode, gate_debt: mode } satisfies Record<
    NotificationKind,
    typeof mode
  >),
  digestHour: z.coerce.number({ invalid_type_error: "Choose an hour." }).int().min(0, "Choose an hour from 0 to 23.").max(23, "Choose an hour from 0 to 23."),
  timeZone: z.string({ required_error: "Choose a time zone." }).refine((zone) => isTimeZone(zone), "Choose a time zone from the list."),
});

/** The calendar date and hour at `now` in `zone`. */
export function localClock(now: Date, zone: string): { date: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23" })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/**
 * The local date whose digest is due at `now` for someone whose digest hour is `hour` in `zone`,
 * or null before that hour: a digest gathers what came until the hour it is sent, once a day.
 */
export function digestDueDate(now: Date, zone: string, hour: number): string | null {
  const local = localClock(now, zone);
  return local.hour >= hour ? local.date : null;
}

/** Backoff before try `attempt` + 1: `baseMs` doubled each time, never more than `capMs`. */
export function backoffMs(attempt: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** Who is told: named people, and on a project its owner, holders of some roles, and its watchers. */
export type Audience = {
  users?: readonly string[];
  projectId?: string | null;
  owner?: boolean;
  roles?: readonly ProjectRoleKind[];
  watchers?: boolean;
};

export type Notice = {
  kind: NotificationKind;
  /** What happened, in words, as the list and the email's subject say it. */
  title: string;
  /** Where it is seen and acted on: a path in the app. */
  href: string;
  projectId?: string | null;
  /** Who caused it: never told of their own act. */
  actorId?: string | null;
  audience: Audience;
  /** A key that makes it once per person (a date due); a second notice with it is dropped. */
  dedupe?: string;
};
