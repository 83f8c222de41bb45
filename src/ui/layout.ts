import type { WorkbenchState } from "../engine/workbench/workbench-contract.js";
import type { TerminalSize } from "./hooks/use-terminal-size.js";

/**
 * How the screen is split. Narrow terminals stack the timeline over the call detail; from 120
 * columns they sit side by side. One row is left free at the bottom: Ink redraws the whole screen
 * when a frame fills the terminal, and a frame one row shorter updates in place.
 */
export interface Layout {
  columns: number;
  height: number;
  header: number;
  footer: number;
  body: number;
  sideBySide: boolean;
  timeline: { width: number; height: number };
  detail: { width: number; height: number };
  /** Arguments beside the signature inside the detail pane. */
  argumentsBeside: boolean;
}

export const WIDE_COLUMNS = 120;
const HEADER_LINES = 2;

/** Rows the timeline would fill: its heading, its rows, and the streaming row while thinking. */
export function timelineRowsWanted(state: WorkbenchState): number {
  return 1 + Math.max(1, state.visible.length) + (state.phase === "thinking" && state.streaming !== "" ? 1 : 0);
}

export function footerLines(state: WorkbenchState): number {
  const filterLine = state.focus === "filter" || state.filter.editing || state.filter.text !== "" ? 1 : 0;
  const message = state.overlay?.kind === "message" ? 1 : 0;
  return 1 + filterLine + message;
}

/**
 * `timelineRows`: rows the timeline has to show (heading included); stacked, it takes no more than
 * that, so a short list leaves the room to the detail.
 */
export function computeLayout(size: TerminalSize, footer: number, timelineRows = Number.POSITIVE_INFINITY): Layout {
  const columns = Math.max(20, size.columns);
  const height = Math.max(8, size.rows - 1);
  const body = Math.max(3, height - HEADER_LINES - footer);
  const sideBySide = columns >= WIDE_COLUMNS;
  if (sideBySide) {
    const timelineWidth = Math.min(72, Math.max(40, Math.floor(columns * 0.34)));
    const detailWidth = columns - timelineWidth - 1;
    return {
      columns,
      height,
      header: HEADER_LINES,
      footer,
      body,
      sideBySide,
      timeline: { width: timelineWidth, height: body },
      detail: { width: detailWidth, height: body },
      argumentsBeside: detailWidth >= 60,
    };
  }
  const timelineHeight = Math.min(12, Math.max(2, Math.min(timelineRows, Math.max(3, Math.floor(body * 0.35)))));
  return {
    columns,
    height,
    header: HEADER_LINES,
    footer,
    body,
    sideBySide,
    timeline: { width: columns, height: timelineHeight },
    detail: { width: columns, height: body - timelineHeight },
    argumentsBeside: columns >= 70,
  };
}
