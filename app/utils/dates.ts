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
  let format = DAY_FORMATS.get(style);
  if (!format) DAY_FORMATS.set(style, (format = new Intl.DateTimeFormat("en-GB", { ...DAY_STYLES[style], timeZone: "UTC" })));
  return format.format(toDate(value));
}

/** An instant in a time zone: its date ("1 Dec 2026"), or with the time and the zone named ("1 Dec 2026, 09:30 GMT+1"). */
export function formatInstant(value: DateInput, timeZone: string, options: { time?: boolean } = {}): string {
  const zone = isTimeZone(timeZone) ? timeZone : "UTC";
  const key = `${zone}|${options.time ? "t" : "d"}`;
  // Making a formatter costs about a hundred times using one: a page of 300 instants made 300 (issue 24's benchmark).
  let format = FORMATS.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      ...DAY_STYLES.short,
      ...(options.time ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" } : {}),
      timeZone: zone,
    });
    // Spellings of zones differ only in case, so the map is bounded rather than closed.
    if (FORMATS.size > 2000) FORMATS.clear();
    FORMATS.set(key, format);
  }
  return format.format(toDate(value));
}

const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();
/** Formatters by zone and style: a few per zone in use. */
const FORMATS = new Map<string, Intl.DateTimeFormat>();
/** Zones Intl has accepted. */
const KNOWN_ZONES = new Set<string>();

/** Whether Intl knows this IANA zone. */
export function isTimeZone(zone: string | null | undefined): zone is string {
  if (!zone || zone.length > 64) return false;
  if (KNOWN_ZONES.has(zone)) return true;
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    if (KNOWN_ZONES.size > 2000) KNOWN_ZONES.clear();
    KNOWN_ZONES.add(zone);
    return true;
  } catch {
    return false;
  }
}
