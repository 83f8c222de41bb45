import type { LoadProgress, TimelineRow, WorkbenchCall } from "./workbench-contract.js";
import type { WorkbenchModel } from "./workbench-model.js";
import { parseFilter, visibleRows } from "./filter-rows.js";

const EMPTY_PROGRESS: LoadProgress = { bytesRead: 0, bytesTotal: 0, calls: 0, done: false, badLines: 0, firstErrors: [] };

/**
 * Append a batch of loaded calls: new rows are filtered on their own, so a batch costs its own
 * size plus one pointer copy of the arrays (the UI may compare them by identity).
 */
export function appendCalls(state: WorkbenchModel, batch: readonly WorkbenchCall[]): WorkbenchModel {
  if (batch.length === 0) return state;
  const base = state.calls.length;
  const calls = state.calls.concat(batch);
  const added: TimelineRow[] = batch.map((_, i) => ({ kind: "call", call: base + i }));
  const rows = state.rows.concat(added);
  const filter = parseFilter(state.appliedFilter);
  const visible = state.visible.concat(visibleRows(rows, calls, filter, state.rows.length));
  const load = { ...(state.load ?? EMPTY_PROGRESS), calls: calls.length };
  return { ...state, calls, rows, visible, load };
}

export function loadProgress(state: WorkbenchModel, progress: Partial<LoadProgress>, done: boolean): WorkbenchModel {
  const load: LoadProgress = { ...(state.load ?? EMPTY_PROGRESS), ...progress, calls: state.calls.length, done };
  if (done && load.bytesTotal > 0) load.bytesRead = load.bytesTotal;
  const phase = done && state.phase === "loading" ? "idle" : state.phase;
  return { ...state, load, phase };
}
