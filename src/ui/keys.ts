/**
 * Raw terminal input as key names. Ink hands us one event per escape sequence and one per run of
 * plain text; we name keys ourselves so Backspace (DEL, 0x7f) and Delete (ESC [3~) stay apart.
 */
export type KeyName =
  | "up"
  | "down"
  | "left"
  | "right"
  | "pageup"
  | "pagedown"
  | "home"
  | "end"
  | "return"
  | "escape"
  | "backspace"
  | "delete"
  | "tab"
  | `ctrl+${string}`
  /** A printable character: the key name is the character itself ("j", "G", "?"). */
  | (string & {});

export interface KeyPress {
  name: KeyName;
  /** The printable text, for printable keys and pastes. */
  text?: string;
  /** Several printable characters in one event: a paste (or keys typed faster than a read). */
  paste?: boolean;
}

const SEQUENCES: Record<string, KeyName> = {
  "\x1b[A": "up",
  "\x1bOA": "up",
  "\x1b[B": "down",
  "\x1bOB": "down",
  "\x1b[C": "right",
  "\x1bOC": "right",
  "\x1b[D": "left",
  "\x1bOD": "left",
  "\x1b[5~": "pageup",
  "\x1b[6~": "pagedown",
  "\x1b[H": "home",
  "\x1bOH": "home",
  "\x1b[1~": "home",
  "\x1b[7~": "home",
  "\x1b[F": "end",
  "\x1bOF": "end",
  "\x1b[4~": "end",
  "\x1b[8~": "end",
  "\x1b[3~": "delete",
  "\x1b": "escape",
  "\x1b\x1b": "escape",
  "\r": "return",
  "\n": "return",
  "\r\n": "return",
  "\x7f": "backspace",
  "\b": "backspace",
  "\t": "tab",
};

export function parseKeyInput(raw: string): KeyPress | undefined {
  const named = SEQUENCES[raw];
  if (named) return { name: named };
  if (raw.startsWith("\x1b")) return undefined; // an escape sequence we have no use for
  if (raw.length === 1) {
    const code = raw.charCodeAt(0);
    if (code >= 1 && code <= 26) return { name: `ctrl+${String.fromCharCode(code + 96)}` };
    if (code < 32) return undefined;
  }
  // Bracketed-paste markers never reach us (we do not enable the mode); strip stray controls.
  const text = [...raw.replace(/\r\n?|\n/g, " ")].filter((char) => char >= " " && char !== "\x7f").join("");
  if (text.length === 0) return undefined;
  const chars = [...text];
  if (chars.length === 1) return { name: text, text };
  return { name: "paste", text, paste: true };
}

const DISPLAY: Record<string, string> = {
  up: "↑",
  down: "↓",
  left: "←",
  right: "→",
  pageup: "PgUp",
  pagedown: "PgDn",
  home: "Home",
  end: "End",
  return: "enter",
  escape: "esc",
  backspace: "⌫",
  delete: "Del",
  tab: "tab",
  text: "type",
  " ": "space",
};

export const displayKey = (name: string): string => DISPLAY[name] ?? name;
