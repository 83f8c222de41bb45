import type { WorkbenchModel } from "./workbench-model.js";
import { narrows, parseFilter, rowMatches, visibleRows } from "./filter-rows.js";

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

/** Typing more only removes rows: look at the visible ones only. */
function narrowed(state: WorkbenchModel, filter: NonNullable<ReturnType<typeof parseFilter>>): number[] {
  const out: number[] = [];
  for (const index of state.visible) {
    const row = state.rows[index];
    if (row && rowMatches(row, state.calls, filter)) out.push(index);
  }
  return out;
}

/** Re-filter every row (typing or clearing the filter, never a cursor move), keeping the cursor on the same row when it stays visible. */
export function applyFilter(state: WorkbenchModel, text: string): WorkbenchModel {
  if (text === state.appliedFilter) return state.filter.text === text ? state : { ...state, filter: { ...state.filter, text } };
  const current = state.visible[state.cursor];
  const next = parseFilter(text);
  const visible = narrows(parseFilter(state.appliedFilter), next) && next ? narrowed(state, next) : visibleRows(state.rows, state.calls, next);
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
