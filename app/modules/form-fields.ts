// Form fields that several modules' schemas share. Pure: zod only.
import { z } from "zod";

/** A ticked box ("I confirm", "Ask anyway"): true when the form sent "on", false when it sent nothing. */
export const Checkbox = z
  .literal("on", { errorMap: () => ({ message: "Tick to confirm" }) })
  .optional()
  .transform((v) => v === "on");
