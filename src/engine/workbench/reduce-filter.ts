import type { WorkbenchModel } from "./workbench-model.js";
import { parseFilter, visibleRows } from "./filter-rows.js";

/** First position in sorted `visible` whose row is at or after `row` (binary search). */
function positionOf(visible: readonly number[], row: number): number {
  let lo = 0;
  let hi = visible.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((visible[mid] ?? 0) < row) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, Math.max(0, visible.length - 1));
}

/** Re-filter every row (typing or clearing the filter, never a cursor move), keeping the cursor on the same row when it stays visible. */
export function applyFilter(state: WorkbenchModel, text: string): WorkbenchModel {
  if (text === state.appliedFilter) return state.filter.text === text ? state : { ...state, filter: { ...state.filter, text } };
  const current = state.visible[state.cursor];
  const visible = visibleRows(state.rows, state.calls, parseFilter(text));
  const cursor = current === undefined || visible.length === 0 ? 0 : positionOf(visible, current);
  return { ...state, filter: { ...state.filter, text }, appliedFilter: text, visible, cursor };
}

export function openFilter(state: WorkbenchModel): WorkbenchModel {
  return { ...state, filter: { ...state.filter, editing: true }, focus: "filter" };
}

export function commitFilter(state: WorkbenchModel): WorkbenchModel {
  return { ...state, filter: { ...state.filter, editing: false }, focus: state.editor ? "editor" : "timeline" };
}

export function clearFilter(state: WorkbenchModel): WorkbenchModel {
  const cleared = applyFilter(state, "");
  return { ...cleared, filter: { text: "", editing: false }, focus: state.editor ? "editor" : "timeline" };
}
