// The time zone the root loader chose for this person (time-zone.server.ts), for every page's instants.
import { useRouteLoaderData } from "@remix-run/react";
import { formatInstant } from "./dates";

export function useTimeZone(): string {
  return (useRouteLoaderData("root") as { timeZone?: string } | undefined)?.timeZone ?? "UTC";
}

/** formatInstant in this person's zone. */
export function useInstant() {
  const zone = useTimeZone();
  return (value: Date | string, options: { time?: boolean } = {}) => formatInstant(value, zone, options);
}
