import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { McpSource, type McpSourceOptions } from "../../../src/tools/mcp/mcp-source.js";
import type { McpFrame } from "../../../src/tools/mcp/mcp-frame.js";

export const REPO = fileURLToPath(new URL("../../..", import.meta.url));
/** The fixture server as a user would name it on the command line (relative to the repo). */
export const SERVER = "node test/fixtures/mcp/server.mjs";

export async function startSource(spec: string, opts: Partial<McpSourceOptions> = {}): Promise<{ source: McpSource; frames: McpFrame[] }> {
  const frames: McpFrame[] = [];
  const started = await McpSource.start({ spec, cwd: REPO, timeoutMs: 5_000, startupTimeoutMs: 10_000, onFrame: (f) => frames.push(f), ...opts });
  if (!started.ok) throw new Error(started.message);
  return { source: started.source, frames };
}

export async function startFailure(spec: string, opts: Partial<McpSourceOptions> = {}): Promise<string> {
  const started = await McpSource.start({ spec, cwd: REPO, timeoutMs: 5_000, startupTimeoutMs: 10_000, onFrame: () => {}, ...opts });
  if (started.ok) {
    await started.source.close();
    throw new Error(`${spec} started`);
  }
  return started.message;
}

/** The fixture over streamable HTTP on 127.0.0.1 (random port): its URL, and how to stop it. */
export async function startHttpFixture(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ["test/fixtures/mcp/server.mjs", "--http"], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let text = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      text += d;
      const line = text.split("\n")[0];
      if (text.includes("\n") && line) resolve(line.trim());
    });
    child.once("close", (code) => reject(new Error(`the HTTP fixture exited (${code}) before printing its URL`)));
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

export const call = (source: McpSource, tool: string, args: unknown, timeoutMs?: number) =>
  source.call({ tool, args, mode: "validated", ...(timeoutMs ? { timeoutMs } : {}) });
