import type { WorkerExit } from "./worker-process.js";

/** The most useful one-line answer to "why did the worker die?". */
export function crashReason(exit: WorkerExit, memoryLimitMb: number): string {
  if (exit.dying !== undefined) return exit.dying.reason;
  if (exit.spawnError !== undefined) return `could not start the tool worker: ${exit.spawnError}`;
  // V8 aborts without a word to us; only its message on the real stderr tells OOM from other aborts.
  if (/heap out of memory|Reached heap limit|Allocation failed/i.test(exit.stderrTail)) return `out of memory (heap limit ${memoryLimitMb} MB)`;
  if (exit.signal !== null) return `killed by ${exit.signal}`;
  return `exited with code ${exit.code ?? "unknown"}`;
}
