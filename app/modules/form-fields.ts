// Form fields that several modules' schemas share. Pure: zod only.
import { isValid, parseISO } from "date-fns";
import { z } from "zod";

/** A ticked box ("I confirm", "Ask anyway"): true when the form sent "on", false when it sent nothing. */
export const Checkbox = z
  .literal("on", { errorMap: () => ({ message: "Tick to confirm" }) })
  .optional()
  .transform((v) => v === "on");

/** A calendar day as a date input sends it (2026-12-31), as midnight UTC. */
export const IsoDate = z
  .string()
  // parseISO refuses days a month does not have (2026-02-31), which Date would roll over.
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isValid(parseISO(s)), "Use a real date, like 2026-12-31")
  .transform((s) => new Date(`${s}T00:00:00Z`));
