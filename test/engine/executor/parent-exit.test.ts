import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { waitFor } from "./process-helpers.js";

const DRIVER = fileURLToPath(new URL("./host-driver.ts", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** Gone, or a zombie waiting for an init that may never reap it: either way not running. */
function notRunning(pid: number): boolean {
  try {
    const stat = execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).trim();
    return stat === "" || stat.startsWith("Z");
  } catch {
    return true;
  }
}

function startDriver(scenario: string) {
  const driver = spawn(process.execPath, ["--import", TSX, DRIVER, scenario], { stdio: ["ignore", "pipe", "pipe"] });
  const lines: Record<string, unknown>[] = [];
  let pending = "";
  driver.stdout.setEncoding("utf8");
  driver.stdout.on("data", (chunk: string) => {
    pending += chunk;
    for (let newline = pending.indexOf("\n"); newline >= 0; newline = pending.indexOf("\n")) {
      lines.push(JSON.parse(pending.slice(0, newline)) as Record<string, unknown>);
      pending = pending.slice(newline + 1);
    }
  });
  let exited = false;
  let exitCode: number | null = null;
  driver.on("exit", (code) => {
    exited = true;
    exitCode = code;
  });
  const workerPid = async () => {
    await waitFor(() => lines.some((line) => typeof line.pid === "number"), { what: "the driver to report its worker" });
    return lines.find((line) => typeof line.pid === "number")?.pid as number;
  };
  return { driver, lines, workerPid, hasExited: () => exited, exitCode: () => exitCode };
}

describe("the worker does not outlive tooldbg", () => {
  it("is killed when the parent calls process.exit without close()", async () => {
    const { workerPid, hasExited } = startDriver("exit-without-close");
    const pid = await workerPid();
    await waitFor(hasExited, { what: "the driver to exit" });
    await waitFor(() => notRunning(pid), { what: `worker ${pid} to die` });
  });

  it("close() finishes before the parent's event loop can run dry", async () => {
    const { lines, workerPid, hasExited, exitCode } = startDriver("close");
    const pid = await workerPid();
    await waitFor(hasExited, { what: "the driver to exit" });
    // 13 would mean the top-level await of close() never settled.
    expect(exitCode()).toBe(0);
    expect(lines).toContainEqual({ closed: true });
    expect(notRunning(pid)).toBe(true);
  });

  it("lets the parent exit on its own when the host is idle", async () => {
    const { workerPid, hasExited } = startDriver("idle");
    const pid = await workerPid();
    await waitFor(hasExited, { what: "the driver to exit by itself" });
    await waitFor(() => notRunning(pid), { what: `worker ${pid} to die` });
  });

  it("kills itself when the parent is SIGKILLed while a tool spins", async () => {
    const { driver, lines, workerPid } = startDriver("spin");
    const pid = await workerPid();
    await waitFor(() => lines.some((line) => line.spinning === true), { what: "the tool to spin" });
    driver.kill("SIGKILL");
    await waitFor(() => notRunning(pid), { what: `orphaned worker ${pid} to die`, timeoutMs: 5_000 });
    expect(notRunning(pid)).toBe(true);
  });
});
