// A CPU budget per server process for bench:pages --cpu-quota: each process gets a cgroup (v1 cpu
// controller) whose quota is that many cores. On this 2-core machine the server processes, the
// load generator and PostgreSQL share the cores, so two processes cannot show what two machines'
// worth of cores would serve; with each process held to, say, half a core, two of them ask for one
// core together and the rest still has room. Linux with /sys/fs/cgroup/cpu writable (root).
import fs from "node:fs";
import path from "node:path";

const CPU_CGROUPS = "/sys/fs/cgroup/cpu";

/** Puts each pid in a cgroup of its own limited to `cores`; returns a function that removes the groups once the processes are gone. */
export function limitCpu(pids: readonly number[], cores: number): () => void {
  if (!fs.existsSync(path.join(CPU_CGROUPS, "cgroup.procs"))) throw new Error(`--cpu-quota needs the cgroup v1 cpu controller at ${CPU_CGROUPS}`);
  const groups = pids.map((pid, i) => {
    const dir = path.join(CPU_CGROUPS, `gatepath-bench-${process.pid}-${i}`);
    fs.mkdirSync(dir);
    const period = Number(fs.readFileSync(path.join(dir, "cpu.cfs_period_us"), "utf8"));
    fs.writeFileSync(path.join(dir, "cpu.cfs_quota_us"), String(Math.round(cores * period)));
    fs.writeFileSync(path.join(dir, "cgroup.procs"), String(pid));
    return dir;
  });
  return () => {
    for (const dir of groups) {
      try {
        fs.rmdirSync(dir);
      } catch (error) {
        console.error(`could not remove ${dir}: ${(error as Error).message}`);
      }
    }
  };
}
