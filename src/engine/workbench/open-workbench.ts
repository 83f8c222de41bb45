import { basename } from "node:path";
import type { ToolRunner } from "../fixtures/tool-runner.js";
import type { LogAdapter } from "../logs/log-events.js";
import type { TerminalHandoff } from "./workbench-contract.js";
import { initialModel } from "./workbench-model.js";
import { createWorkbench, type WorkbenchController } from "./create-workbench.js";
import { startLoading, type EarlyLoad } from "./load-calls.js";
import { runCall } from "./run-call.js";

export interface OpenWorkbenchOptions {
  logs: readonly { path: string; adapter: LogAdapter }[];
  /** The isolated worker on --tools modules: re-runs and fixture expectations. */
  runner?: ToolRunner & { close?(): Promise<void> };
  exportDir: string;
  timeoutMs: number;
  handoff?: TerminalHandoff | (() => TerminalHandoff | undefined);
  env?: NodeJS.ProcessEnv;
  /** Read in this thread instead of a worker (tests). */
  inProcess?: boolean;
  /** A load already started with startLoadingEarly (its tools must be the runner's). */
  early?: EarlyLoad;
}

/**
 * `tooldbg open`: the workbench over logged calls. Loading starts at once in the background, so
 * the first frame does not wait for the file; calls arrive in batches with progress.
 */
export function createOpenWorkbench(options: OpenWorkbenchOptions): WorkbenchController {
  const { logs, runner } = options;
  const first = logs[0] ? basename(logs[0].path) : "(no logs)";
  const formats = [...new Set(logs.map((l) => l.adapter.format))].join(", ");
  const tools = runner?.tools;
  // Loading starts once the workbench exists to receive it; quitting stops it.
  const loader: { stop?: () => Promise<void> } = {};
  const workbench = createWorkbench({
    initial: initialModel({
      mode: "open",
      title: `open ${first}${logs.length > 1 ? ` (+${logs.length - 1})` : ""}`,
      sourceLabel: tools ? `${formats} · ${tools.length} tools` : `${formats} · logged schemas (no --tools)`,
      ...(tools ? { tools } : {}),
      breakMode: "never",
    }),
    ports: {
      ...(runner ? { execute: (call, text, mode) => runCall(runner, { tool: call.tool, arguments: text }, mode, options.timeoutMs) } : {}),
      close: async () => {
        await loader.stop?.();
        await runner?.close?.();
      },
    },
    exportDir: options.exportDir,
    ...(runner ? { runner } : {}),
    timeoutMs: options.timeoutMs,
    ...(options.handoff ? { handoff: options.handoff } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  const post = (event: Parameters<typeof workbench.post>[0]) => workbench.post(event);
  const loading = options.early ? options.early.attach(post) : startLoading(logs, { ...(tools ? { tools } : {}), ...(options.inProcess ? { inProcess: true } : {}) }, post);
  loader.stop = () => loading.stop();
  return workbench;
}
