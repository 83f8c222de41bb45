import type { WorkbenchMode } from "../engine/workbench/workbench-contract.js";
import { displayKey, type KeyName } from "./keys.js";

/**
 * The one keymap (SPEC §4.2): which keys run which command in which scope. The key bar and the
 * help overlay are generated from this table, and the input hook resolves keys through it, so a
 * key changed here changes everywhere. What a command does is in commands.ts.
 */
export type KeyScope = "global" | "overlay" | "editor" | "filter" | "timeline";

export type CommandId =
  | "interrupt"
  | "help_close"
  | "help_scroll_down"
  | "help_scroll_up"
  | "confirm_yes"
  | "confirm_no"
  | "editor_commit"
  | "editor_cancel"
  | "editor_backspace"
  | "editor_delete"
  | "editor_left"
  | "editor_right"
  | "editor_home"
  | "editor_end"
  | "editor_insert"
  | "filter_commit"
  | "filter_clear"
  | "filter_backspace"
  | "filter_insert"
  | "select_up"
  | "select_down"
  | "page_up"
  | "page_down"
  | "select_first"
  | "select_last"
  | "continue"
  | "step"
  | "continue_to_break"
  | "skip"
  | "edit_inline"
  | "edit_external"
  | "apply_fix"
  | "rerun"
  | "rerun_raw"
  | "export"
  | "cycle_break"
  | "filter_open"
  | "filter_reset"
  | "detail_down"
  | "detail_up"
  | "help"
  | "quit";

/** `text` stands for any printable input (a character or a paste). */
export const TEXT_KEY = "text";

export interface KeyBinding {
  command: CommandId;
  scope: KeyScope;
  keys: readonly KeyName[];
  description: string;
  /** Word shown in the key bar; bindings without one are only in the help. */
  bar?: string;
  /** How the key bar spells the keys when not the first two of `keys` ("↑↓" for a pair of bindings). */
  barKeys?: string;
  /** Modes where the binding applies (both when absent). */
  modes?: readonly WorkbenchMode[];
  /** For overlay bindings: which overlay they answer. */
  overlay?: "help" | "confirm";
}

export const KEYMAP: readonly KeyBinding[] = [
  { command: "interrupt", scope: "global", keys: ["ctrl+c"], description: "quit now (asks if there is unsaved work)" },

  { command: "help_close", scope: "overlay", overlay: "help", keys: ["?", "escape", "q"], bar: "close", description: "close the help" },
  { command: "help_scroll_down", scope: "overlay", overlay: "help", keys: ["down", "j"], bar: "scroll", barKeys: "↑↓", description: "scroll the help down" },
  { command: "help_scroll_up", scope: "overlay", overlay: "help", keys: ["up", "k"], description: "scroll the help up" },
  { command: "confirm_yes", scope: "overlay", overlay: "confirm", keys: ["y"], bar: "yes", description: "answer yes" },
  { command: "confirm_no", scope: "overlay", overlay: "confirm", keys: ["n", "escape"], bar: "no", description: "answer no" },

  { command: "editor_commit", scope: "editor", keys: ["return", "ctrl+s"], bar: "commit", description: "keep the edited arguments" },
  { command: "editor_cancel", scope: "editor", keys: ["escape"], bar: "cancel", description: "drop the edit" },
  { command: "editor_insert", scope: "editor", keys: [TEXT_KEY], description: "insert text at the cursor (live diagnosis)" },
  { command: "editor_backspace", scope: "editor", keys: ["backspace"], description: "delete the character before the cursor" },
  { command: "editor_delete", scope: "editor", keys: ["delete", "ctrl+d"], description: "delete the character under the cursor" },
  { command: "editor_left", scope: "editor", keys: ["left"], bar: "move", barKeys: "←→", description: "cursor left" },
  { command: "editor_right", scope: "editor", keys: ["right"], description: "cursor right" },
  { command: "editor_home", scope: "editor", keys: ["home", "ctrl+a"], description: "cursor to the start" },
  { command: "editor_end", scope: "editor", keys: ["end", "ctrl+e"], description: "cursor to the end" },

  { command: "filter_commit", scope: "filter", keys: ["return"], bar: "apply", description: "keep the filter and go back to the list" },
  { command: "filter_clear", scope: "filter", keys: ["escape"], bar: "clear", description: "clear the filter" },
  { command: "filter_insert", scope: "filter", keys: [TEXT_KEY], description: "filter by tool, finding code or text" },
  { command: "filter_backspace", scope: "filter", keys: ["backspace"], description: "delete the last character" },

  { command: "select_up", scope: "timeline", keys: ["up", "k"], bar: "select", barKeys: "↑↓", description: "select the previous row" },
  { command: "select_down", scope: "timeline", keys: ["down", "j"], description: "select the next row" },
  { command: "page_up", scope: "timeline", keys: ["pageup"], description: "one page up" },
  { command: "page_down", scope: "timeline", keys: ["pagedown"], description: "one page down" },
  { command: "select_first", scope: "timeline", keys: ["g", "home"], description: "first row" },
  { command: "select_last", scope: "timeline", keys: ["G", "end"], description: "last row" },
  { command: "continue", scope: "timeline", keys: ["return"], bar: "continue", barKeys: "⏎", modes: ["run"], description: "execute / continue the paused step" },
  { command: "continue", scope: "timeline", keys: ["return"], bar: "execute", barKeys: "⏎", modes: ["open"], description: "execute the selected call" },
  { command: "step", scope: "timeline", keys: ["n"], bar: "next", modes: ["run"], description: "next step: run it and pause at the very next call" },
  { command: "continue_to_break", scope: "timeline", keys: ["c"], bar: "cont", modes: ["run"], description: "continue to the next breakpoint" },
  { command: "skip", scope: "timeline", keys: ["s"], modes: ["run"], description: "skip the paused call (the model is told)" },
  { command: "edit_inline", scope: "timeline", keys: ["e"], bar: "edit", description: "edit the arguments inline (live diagnosis)" },
  { command: "edit_external", scope: "timeline", keys: ["E"], description: "edit the arguments in $EDITOR" },
  { command: "apply_fix", scope: "timeline", keys: ["f"], bar: "fix", description: "apply the suggested fix" },
  { command: "rerun", scope: "timeline", keys: ["r"], bar: "re-run", description: "re-execute the selected call in isolation (validated)" },
  { command: "rerun_raw", scope: "timeline", keys: ["R"], bar: "raw", description: "re-execute raw, bypassing validation" },
  { command: "export", scope: "timeline", keys: ["x"], bar: "export", description: "export the selected call as a fixture" },
  { command: "cycle_break", scope: "timeline", keys: ["b"], bar: "break", modes: ["run"], description: "cycle break mode (always / failures / never)" },
  { command: "filter_open", scope: "timeline", keys: ["/"], bar: "filter", description: "filter by tool, code or text" },
  { command: "filter_reset", scope: "timeline", keys: ["escape"], description: "clear the filter" },
  { command: "detail_down", scope: "timeline", keys: ["J"], description: "scroll the call detail down" },
  { command: "detail_up", scope: "timeline", keys: ["K"], description: "scroll the call detail up" },
  { command: "help", scope: "timeline", keys: ["?"], bar: "help", description: "show every key" },
  { command: "quit", scope: "timeline", keys: ["q"], bar: "quit", description: "quit (asks if there is unsaved work)" },
];

export const appliesTo = (binding: KeyBinding, mode: WorkbenchMode): boolean => !binding.modes || binding.modes.includes(mode);

export const keysLabel = (binding: KeyBinding): string => binding.keys.map(displayKey).join("/");

/** The binding a key runs in a scope, or undefined. Printable keys fall back to the scope's text binding. */
export function findBinding(scope: KeyScope, mode: WorkbenchMode, key: { name: string; text?: string }, overlay?: "help" | "confirm"): KeyBinding | undefined {
  const candidates = KEYMAP.filter((binding) => binding.scope === scope && appliesTo(binding, mode) && (scope !== "overlay" || binding.overlay === overlay));
  return candidates.find((binding) => binding.keys.includes(key.name)) ?? (key.text !== undefined ? candidates.find((binding) => binding.keys.includes(TEXT_KEY)) : undefined);
}

export const SCOPE_TITLES: Record<KeyScope, string> = {
  global: "Anywhere",
  timeline: "Timeline",
  editor: "Inline editor",
  filter: "Filter line",
  overlay: "Dialogs",
};
