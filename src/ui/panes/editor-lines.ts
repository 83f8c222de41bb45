import type { WorkbenchState } from "../../engine/workbench/workbench-contract.js";
import { heading, seg, type Line, type Segment } from "../shared/line.js";
import { findingsLines } from "./findings-lines.js";
import { columnSpans } from "../shared/columns.js";

/**
 * The inline editor: the text wrapped to the width with the cursor drawn on it (inverse, or a
 * bar when there is no colour), then the live diagnosis of what is typed.
 */
export function editorLines(editor: NonNullable<WorkbenchState["editor"]>, width: number, colour: boolean): Line[] {
  const lines: Line[] = [heading("Editing arguments · enter/ctrl+s keeps · esc drops", width, "paused")];
  const text = editor.text.replace(/[\n\r\t]/g, " ");
  const cursor = Math.min(Math.max(0, editor.cursor), text.length);
  const size = Math.max(1, width - 1);
  // Rows of at most `size` columns as shown (wide and escaped characters take more than one).
  for (const [from, to] of columnSpans(text, size)) {
    const parts: Segment[] = [];
    if (cursor >= from && (cursor < to || (cursor === text.length && to === text.length))) {
      // The character under the cursor is a whole code point: the cursor moves by code points.
      const next = cursor + ((text.codePointAt(cursor) ?? 0) > 0xffff ? 2 : 1);
      const under = text.slice(cursor, Math.min(next, text.length));
      parts.push(seg(text.slice(from, cursor)));
      if (colour) parts.push(seg(under || " ", "paused", { inverse: true }), seg(text.slice(cursor + under.length, to)));
      else parts.push(seg("▏"), seg(text.slice(cursor, to)));
    } else {
      parts.push(seg(text.slice(from, to)));
    }
    lines.push(parts);
  }
  lines.push(...findingsLines(editor.findings, width, "valid against the signature"));
  return lines;
}
