import { execFileSync } from "node:child_process";

/** Poll until `check` holds: tests wait on conditions, never on fixed sleeps. */
export async function waitFor(check: () => boolean, { timeoutMs = 10_000, what = "condition" } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** True while `pid` exists in any state other than a reaped process (a zombie counts as existing). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Children of this test process still running, as `ps` sees them (zombies included). */
export function childProcessesOf(parentPid: number): { pid: number; stat: string; command: string }[] {
  const out = execFileSync("ps", ["-eo", "pid=,ppid=,stat=,args="], { encoding: "utf8" });
  return out
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && Number(match[2]) === parentPid)
    .map((match) => ({ pid: Number(match[1]), stat: match[3] ?? "", command: match[4] ?? "" }))
    .filter((child) => child.command.includes("worker-main"));
}
