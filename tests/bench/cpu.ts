import fs from "node:fs";

/**
 * CPU time a process has used, in ms (user + system, from /proc; Linux only), NaN when it cannot
 * be read. Per request it is the server's own cost, steadier than latency on a shared machine,
 * where the load generator and neighbours take the CPU too.
 */
export function processCpuMs(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}
