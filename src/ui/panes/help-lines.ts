import type { WorkbenchMode } from "../../engine/workbench/workbench-contract.js";
import { appliesTo, KEYMAP, keysLabel, SCOPE_TITLES, type KeyBinding, type KeyScope } from "../keymap.js";
import { fitLine, heading, seg, wordWrap, type Line } from "../shared/line.js";
import { STATUS_MARKS } from "../shared/status-mark.js";

const ORDER: readonly KeyScope[] = ["timeline", "editor", "filter", "overlay", "global"];

/** The help bindings for a mode, in the order the overlay shows them. */
export function helpBindings(mode: WorkbenchMode): KeyBinding[] {
  return ORDER.flatMap((scope) => KEYMAP.filter((binding) => binding.scope === scope && appliesTo(binding, mode)));
}

/** The help overlay, generated from the keymap: one line per binding, grouped by scope. */
export function helpLines(mode: WorkbenchMode, width: number): Line[] {
  const bindings = helpBindings(mode);
  const keyWidth = Math.min(18, Math.max(...bindings.map((binding) => keysLabel(binding).length)) + 2);
  const lines: Line[] = [];
  for (const scope of ORDER) {
    const group = bindings.filter((binding) => binding.scope === scope);
    if (group.length === 0) continue;
    lines.push(heading(SCOPE_TITLES[scope], width));
    for (const binding of group) lines.push(fitLine([seg(`  ${keysLabel(binding).padEnd(keyWidth)}`, "key", { bold: true }), seg(binding.description)], width));
  }
  const marks = [...Object.values(STATUS_MARKS).map((status) => `${status.mark} ${status.word}`), "✎ edited", "⇪ exported"].join("   ");
  lines.push(heading("Marks", width), ...wordWrap(marks, width).map((text): Line => [seg(text, "muted")]));
  return lines;
}
