// The person's time zone for rendering instants: the one chosen on their profile, else the
// browser's (the root page's script keeps it in the "tz" cookie), else UTC on a first visit.
import { getPreference } from "~/modules/people/preferences.server";
import { TIME_ZONE_PREFERENCE } from "~/modules/people/profile.server";
import type { Db } from "./db.server";
import { isTimeZone } from "./dates";

export function browserTimeZone(request: Request): string | null {
  const match = /(?:^|;\s*)tz=([^;]+)/.exec(request.headers.get("Cookie") ?? "");
  const zone = match ? decodeURIComponent(match[1]!) : null;
  return isTimeZone(zone) ? zone : null;
}

export async function timeZoneOf(db: Db, request: Request, userId: string | null): Promise<string> {
  const chosen = userId ? await getPreference(db, userId, TIME_ZONE_PREFERENCE) : null;
  if (typeof chosen === "string" && isTimeZone(chosen)) return chosen;
  return browserTimeZone(request) ?? "UTC";
}
