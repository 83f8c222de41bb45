import { resolve } from "node:path";
import { detectFormat } from "../../../src/engine/logs/detect-format.js";
import type { LogAdapter } from "../../../src/engine/logs/log-events.js";
import type { WorkbenchController } from "../../../src/engine/workbench/create-workbench.js";
import type { WorkbenchState } from "../../../src/engine/workbench/workbench-contract.js";

export const REPO = resolve(import.meta.dirname, "../../..");
export const PROD_LOG = resolve(REPO, "examples/logs/prod-openai-chat.jsonl");
export const SESSION_LOG = resolve(REPO, "test/fixtures/sessions/billing-scripted.session-v1.jsonl");
export const BILLING_TOOLS = resolve(REPO, "examples/billing/tools.ts");

export async function logsFor(...paths: string[]): Promise<{ path: string; adapter: LogAdapter }[]> {
  return Promise.all(
    paths.map(async (path) => {
      const { adapter } = await detectFormat(path);
      if (!adapter) throw new Error(`no format for ${path}`);
      return { path, adapter };
    }),
  );
}

/** Resolves with the state once `ready` holds, checked after every change (no sleeps). */
export function waitFor(workbench: WorkbenchController, ready: (state: WorkbenchState) => boolean, timeoutMs = 20_000): Promise<WorkbenchState> {
  return new Promise((resolvePromise, reject) => {
    if (ready(workbench.getState())) return resolvePromise(workbench.getState());
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out; state: ${JSON.stringify({ phase: workbench.getState().phase, load: workbench.getState().load, overlay: workbench.getState().overlay })}`));
    }, timeoutMs);
    const off = workbench.subscribe(() => {
      if (!ready(workbench.getState())) return;
      clearTimeout(timer);
      off();
      resolvePromise(workbench.getState());
    });
  });
}

/** Put the cursor on the call with this id. */
export function select(workbench: WorkbenchController, id: string): void {
  const s = workbench.getState();
  const position = s.visible.findIndex((row) => {
    const r = s.rows[row];
    return r?.kind === "call" && s.calls[r.call]?.id === id;
  });
  if (position === -1) throw new Error(`no visible call ${id}`);
  workbench.dispatch({ type: "move", delta: position - s.cursor });
}

export const callById = (state: WorkbenchState, id: string) => {
  const call = state.calls.find((c) => c.id === id);
  if (!call) throw new Error(`no call ${id}`);
  return call;
};
