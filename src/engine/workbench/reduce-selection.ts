import type { WorkbenchModel } from "./workbench-model.js";

/** Rows of chrome around the timeline (header, detail panes, key bar) when paging. */
const PAGE_CHROME = 8;

const clamp = (n: number, length: number) => (length === 0 ? 0 : Math.max(0, Math.min(length - 1, n)));

/** Cursor moves touch only `cursor`: O(1) whatever the number of calls. */
export function moveCursor(state: WorkbenchModel, to: number): WorkbenchModel {
  const cursor = clamp(to, state.visible.length);
  return cursor === state.cursor ? state : { ...state, cursor };
}

export const pageSize = (state: WorkbenchModel): number => Math.max(1, state.viewportRows - PAGE_CHROME);

/** Put the cursor on the row showing this call, when it is visible. O(visible) only when it is not near. */
export function selectCall(state: WorkbenchModel, call: number): WorkbenchModel {
  const at = state.visible.findIndex((row) => {
    const r = state.rows[row];
    return r?.kind === "call" && r.call === call;
  });
  return at === -1 ? state : moveCursor(state, at);
}
