import { z } from "zod";

/** A record's id as it appears in a URL (a cuid): anything else finds nothing, without a query. */
export const IdParam = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[\w-]+$/);
