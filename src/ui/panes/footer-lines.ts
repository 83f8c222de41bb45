import type { WorkbenchState } from "../../engine/workbench/workbench-contract.js";
import { appliesTo, KEYMAP, keysLabel, type KeyBinding } from "../keymap.js";
import { activeScope } from "../resolve-key.js";
import { fitLine, seg, widthOf, type Line, type Segment } from "../shared/line.js";

/** Dropped first when the bar is cut to fit, in this order; anything else (help, quit, the way out) stays. */
const DROP_ORDER: readonly string[] = ["rerun_raw", "cycle_break", "filter_open", "edit_inline", "export", "continue_to_break", "step", "help_scroll_down"];

const PINNED = new Set(["help", "quit", "help_close", "confirm_yes", "confirm_no", "editor_commit", "editor_cancel", "filter_commit", "filter_clear"]);

export function barBindings(state: WorkbenchState): KeyBinding[] {
  const scope = activeScope(state);
  const overlay = state.overlay?.kind;
  return KEYMAP.filter((binding) => binding.bar !== undefined && binding.scope === scope && appliesTo(binding, state.mode) && (scope !== "overlay" || binding.overlay === overlay));
}

const barKeys = (binding: KeyBinding): string => binding.barKeys ?? keysLabel(binding).split("/").slice(0, 2).join("/");
const item = (binding: KeyBinding): Segment[] => [seg(barKeys(binding), "key", { bold: true }), seg(` ${binding.bar ?? ""}`)];
// Each item is "keys word", two spaces between items.
const cost = (list: readonly KeyBinding[]): number => list.reduce((sum, binding, index) => sum + widthOf(barKeys(binding)) + 1 + widthOf(binding.bar ?? "") + (index > 0 ? 2 : 0), 0);

/** The key bar, generated from the keymap for the scope that has the keys; the least needed go first when it does not fit. */
export function keyBarLine(state: WorkbenchState, width: number): Line {
  const kept = barBindings(state);
  for (const command of DROP_ORDER) {
    if (cost(kept) <= width) break;
    const at = kept.findIndex((binding) => binding.command === command);
    if (at !== -1) kept.splice(at, 1);
  }
  // Still too wide (a very narrow terminal): drop from the end, never the way out or to the help.
  while (cost(kept) > width) {
    const at = kept.map((binding) => PINNED.has(binding.command)).lastIndexOf(false);
    if (at === -1) break;
    kept.splice(at, 1);
  }
  const parts: Segment[] = [];
  kept.forEach((binding, index) => {
    if (index > 0) parts.push(seg("  "));
    parts.push(...item(binding));
  });
  return fitLine(parts, width);
}

export function filterLine(state: WorkbenchState, width: number): Line | undefined {
  const editing = state.focus === "filter" || state.filter.editing;
  if (!editing && state.filter.text === "") return undefined;
  const count = `${state.visible.length.toLocaleString("en-US")} of ${state.rows.length.toLocaleString("en-US")} rows`;
  if (editing) return fitLine([seg("/", "key", { bold: true }), seg(state.filter.text), seg("▏", "accent"), seg(`   ${count} · tool, code or text`, "muted")], width);
  return fitLine([seg("filter ", "muted"), seg(state.filter.text, "accent", { bold: true }), seg(`   ${count} · esc clears`, "muted")], width);
}

export function messageLine(state: WorkbenchState, width: number): Line | undefined {
  if (state.overlay?.kind !== "message") return undefined;
  const error = state.overlay.tone === "error";
  return fitLine([seg(error ? "✗ " : "✓ ", error ? "error" : "ok", { bold: true }), seg(state.overlay.text, error ? "error" : undefined), seg("   (esc)", "muted")], width);
}
