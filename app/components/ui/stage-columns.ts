// Grid classes for one column per stage, from the stage table's length. Tailwind only builds
// classes it finds written out in the source, so every count a playbook may reach is spelled here.
import { STAGES } from "~/modules/lifecycle/stages";

const SM = [
  "",
  "sm:grid-cols-1",
  "sm:grid-cols-2",
  "sm:grid-cols-3",
  "sm:grid-cols-4",
  "sm:grid-cols-5",
  "sm:grid-cols-6",
  "sm:grid-cols-7",
  "sm:grid-cols-8",
  "sm:grid-cols-9",
  "sm:grid-cols-10",
  "sm:grid-cols-11",
  "sm:grid-cols-12",
];
const XL = [
  "",
  "xl:grid-cols-1",
  "xl:grid-cols-2",
  "xl:grid-cols-3",
  "xl:grid-cols-4",
  "xl:grid-cols-5",
  "xl:grid-cols-6",
  "xl:grid-cols-7",
  "xl:grid-cols-8",
  "xl:grid-cols-9",
  "xl:grid-cols-10",
  "xl:grid-cols-11",
  "xl:grid-cols-12",
];

/** `sm:grid-cols-N` (the stage path) and `xl:grid-cols-N` (the board) for N stages. */
export function stageColumns(count: number = STAGES.length): { sm: string; xl: string } {
  const n = Math.min(Math.max(count, 1), 12);
  return { sm: SM[n]!, xl: XL[n]! };
}
