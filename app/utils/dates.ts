// One rule for every date on every page (issue 13, item 1). Calendar dates (periods, due dates,
// gate dates) are dates: shown as the day they are, never shifted by a zone. Instants (decisions,
// audit events, sign-ins) are shown in the person's time zone, which the server knows (profile,
// else the browser's, sent in a cookie), so the server and the browser render the same text.
// Pure: Intl only.

type DateInput = Date | string;

const toDate = (value: DateInput) => (value instanceof Date ? value : new Date(value.length === 10 ? `${value}T00:00:00Z` : value));

const DAY_STYLES = {
  short: { day: "numeric", month: "short", year: "numeric" },
  dayMonth: { day: "numeric", month: "short" },
  month: { month: "short", year: "numeric" },
  long: { weekday: "long", day: "numeric", month: "long", year: "numeric" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/** A calendar date ("1 Dec 2026"): the UTC day it stands for, the same in every zone. */
export function formatDay(value: DateInput, style: keyof typeof DAY_STYLES = "short"): string {
  return new Intl.DateTimeFormat("en-GB", { ...DAY_STYLES[style], timeZone: "UTC" }).format(toDate(value));
}

/** An instant in a time zone: its date ("1 Dec 2026"), or with the time and the zone named ("1 Dec 2026, 09:30 GMT+1"). */
export function formatInstant(value: DateInput, timeZone: string, options: { time?: boolean } = {}): string {
  const zone = isTimeZone(timeZone) ? timeZone : "UTC";
  return new Intl.DateTimeFormat("en-GB", {
    ...DAY_STYLES.short,
    ...(options.time ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" } : {}),
    timeZone: zone,
  }).format(toDate(value));
}

/** Whether Intl knows this IANA zone. */
export function isTimeZone(zone: string | null | undefined): zone is string {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
