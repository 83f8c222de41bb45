import type { WorkbenchState } from "../../engine/workbench/workbench-contract.js";
import { appliesTo, KEYMAP, keysLabel, type KeyBinding } from "../keymap.js";
import { activeScope } from "../resolve-key.js";
import { fitLine, seg, widthOf, type Line, type Segment } from "../shared/line.js";

/** Kept when the bar is cut to fit: the way out and the way to everything else. */
const PINNED = new Set(["help", "quit", "help_close", "confirm_yes", "confirm_no", "editor_commit", "editor_cancel", "filter_commit", "filter_clear"]);

export function barBindings(state: WorkbenchState): KeyBinding[] {
  const scope = activeScope(state);
  const overlay = state.overlay?.kind;
  return KEYMAP.filter((binding) => binding.bar !== undefined && binding.scope === scope && appliesTo(binding, state.mode) && (scope !== "overlay" || binding.overlay === overlay));
}

const item = (binding: KeyBinding): Segment[] => [seg(keysLabel(binding).split("/").slice(0, 2).join("/"), "key", { bold: true }), seg(` ${binding.bar ?? ""}`)];

/** The key bar, generated from the keymap for the scope that has the keys; cut from the middle to fit. */
export function keyBarLine(state: WorkbenchState, width: number): Line {
  const bindings = barBindings(state);
  const cost = (list: KeyBinding[]) => list.reduce((sum, binding) => sum + widthOf(keysLabel(binding).split("/").slice(0, 2).join("/")) + widthOf(binding.bar ?? "") + 3, 0);
  const kept = [...bindings];
  while (kept.length > 0 && cost(kept) > width) {
    const drop = kept.map((binding) => PINNED.has(binding.command)).lastIndexOf(false);
    if (drop === -1) break;
    kept.splice(drop, 1);
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
