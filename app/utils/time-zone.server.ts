// The person's time zone for rendering instants: the one chosen on their profile, else the
// browser's (the root page's script keeps it in the "tz" cookie), else UTC on a first visit;
// and their theme, light or dark, or null to follow their system.
import { getPreferences } from "~/modules/people/queries.server";
import { THEME_PREFERENCE, TIME_ZONE_PREFERENCE } from "~/modules/people/profile.server";
import type { Db } from "./db.server";
import { isTimeZone } from "./dates";

export function browserTimeZone(request: Request): string | null {
  const match = /(?:^|;\s*)tz=([^;]+)/.exec(request.headers.get("Cookie") ?? "");
  const zone = match ? decodeURIComponent(match[1]!) : null;
  return isTimeZone(zone) ? zone : null;
}

/** The zone the person chose (their preference, already read), else their browser's, else UTC. */
export function timeZoneOf(request: Request, chosen: unknown): string {
  if (typeof chosen === "string" && isTimeZone(chosen)) return chosen;
  return browserTimeZone(request) ?? "UTC";
}

/** A page's look for this person: their time zone and their theme, read in one statement. */
export async function lookOf(db: Db, request: Request, userId: string | null): Promise<{ timeZone: string; theme: "light" | "dark" | null }> {
  const chosen = userId ? await getPreferences(db, userId, [TIME_ZONE_PREFERENCE, THEME_PREFERENCE]) : new Map<string, unknown>();
  const theme = chosen.get(THEME_PREFERENCE);
  return { timeZone: timeZoneOf(request, chosen.get(TIME_ZONE_PREFERENCE)), theme: theme === "light" || theme === "dark" ? theme : null };
}
