// An instant (a decision, an event, a sign-in) in the person's time zone: the same text on the
// server and in the browser, since both read the zone from the root loader (utils/dates.ts).
import { useInstant } from "~/utils/use-time-zone";

export function Instant({ value, time = false }: { value: string | Date; time?: boolean }) {
  const instant = useInstant();
  const iso = typeof value === "string" ? value : value.toISOString();
  return <time dateTime={iso}>{instant(value, { time })}</time>;
}
