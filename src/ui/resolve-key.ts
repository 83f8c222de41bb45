import type { WorkbenchState } from "../engine/workbench/workbench-contract.js";
import { commandEffect, type CommandEffect } from "./commands.js";
import { findBinding, type KeyBinding, type KeyScope } from "./keymap.js";
import type { KeyPress } from "./keys.js";

/** The scope that gets a key first: a modal overlay, then the focused pane. */
export function activeScope(state: WorkbenchState): KeyScope {
  if (state.overlay?.kind === "help" || state.overlay?.kind === "confirm") return "overlay";
  if (state.focus === "editor" && state.editor) return "editor";
  if (state.focus === "filter" || state.filter.editing) return "filter";
  return "timeline";
}

export interface ResolvedKey {
  binding?: KeyBinding;
  effects: CommandEffect[];
}

/**
 * What one key does in this state. A message overlay is a toast: esc dismisses it, any other key
 * dismisses it and then does its usual thing (enter after `x` still continues). Modal overlays
 * swallow keys they do not bind.
 */
export function resolveKey(state: WorkbenchState, key: KeyPress): ResolvedKey {
  const global = findBinding("global", state.mode, key);
  if (global) return { binding: global, effects: [commandEffect(global.command, state, key.text)] };
  const pre: CommandEffect[] = [];
  if (state.overlay?.kind === "message") {
    pre.push({ kind: "dispatch", action: { type: "dismiss" } });
    if (key.name === "escape") return { effects: pre };
  }
  const scope = activeScope(state);
  const overlay = state.overlay?.kind === "help" || state.overlay?.kind === "confirm" ? state.overlay.kind : undefined;
  const binding = findBinding(scope, state.mode, key, overlay);
  if (!binding) return { effects: pre };
  return { binding, effects: [...pre, commandEffect(binding.command, state, key.text)] };
}
