import { Worker } from "node:worker_threads";

/**
 * If the debugger dies without killing us (SIGKILL, a crash), the IPC channel's "disconnect"
 * ends an idle worker, but a tool stuck in `while (true) {}` never gets to run that handler.
 * This thread runs beside the blocked main thread and kills the process once it is orphaned.
 */
const WATCHDOG_SOURCE = `
const { workerData } = require("node:worker_threads");
setInterval(() => {
  if (process.ppid !== workerData.parentPid) process.kill(workerData.pid, "SIGKILL");
}, workerData.intervalMs);
`;

export function startParentWatchdog(intervalMs = 500): void {
  try {
    const watchdog = new Worker(WATCHDOG_SOURCE, { eval: true, workerData: { parentPid: process.ppid, pid: process.pid, intervalMs } });
    // Never the reason the worker stays alive; the IPC channel is.
    watchdog.unref();
    watchdog.on("error", () => {});
  } catch {
    // Best effort: without it, the exit handler and "disconnect" still cover the usual cases.
  }
}
