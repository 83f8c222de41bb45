/** Where an `--mcp` value points: a command line to spawn (stdio) or a streamable-HTTP endpoint. */
export type McpTarget =
  | { kind: "stdio"; command: string; args: string[]; env: Record<string, string>; label: string }
  | { kind: "http"; url: URL; label: string };

export type McpTargetParse = { ok: true; target: McpTarget } | { ok: false; message: string };

/** `--mcp "node server.js --flag"` or `--mcp http://127.0.0.1:3000/mcp`. Never throws. */
export function parseMcpTarget(text: string): McpTargetParse {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, message: "--mcp needs a command line or an http(s):// URL" };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      return { ok: false, message: `--mcp ${trimmed}: not a valid URL` };
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      return { ok: false, message: `--mcp ${trimmed}: only http:// and https:// (streamable HTTP) URLs are supported; for a stdio server give its command line` };
    }
    return { ok: true, target: { kind: "http", url, label: trimmed } };
  }
  const words = splitCommandLine(trimmed);
  if (!words.ok) return { ok: false, message: `--mcp "${trimmed}": ${words.message}` };
  // Leading NAME=value words set the server's environment, as a shell would; nothing else is evaluated.
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < words.words.length; i++) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(words.words[i] ?? "");
    if (!match || match[1] === undefined) break;
    env[match[1]] = match[2] ?? "";
  }
  const [command, ...args] = words.words.slice(i);
  if (command === undefined) return { ok: false, message: `--mcp "${trimmed}": no command to run after the environment assignments` };
  return { ok: true, target: { kind: "stdio", command, args, env, label: trimmed } };
}

/**
 * Split a command line into words the way a POSIX shell does for quoting only: '…' is literal,
 * "…" keeps spaces and honours \" \\ \$ \`, a backslash outside quotes escapes the next
 * character. No variables, globs, pipes or substitutions: the words go to spawn() as they are.
 */
export function splitCommandLine(text: string): { ok: true; words: string[] } | { ok: false; message: string } {
  const words: string[] = [];
  let current = "";
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === " " || ch === "\t" || ch === "\n") {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
      i++;
    } else if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end === -1) return { ok: false, message: "unterminated ' quote" };
      current += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      i++;
      for (;;) {
        if (i >= text.length) return { ok: false, message: 'unterminated " quote' };
        const c = text[i] as string;
        if (c === '"') break;
        const next = text[i + 1];
        if (c === "\\" && next !== undefined && '"\\$`'.includes(next)) {
          current += next;
          i += 2;
        } else {
          current += c;
          i++;
        }
      }
      inWord = true;
      i++;
    } else if (ch === "\\") {
      const next = text[i + 1];
      if (next === undefined) return { ok: false, message: "a trailing backslash escapes nothing" };
      // A backslash-newline is a line continuation, as in a shell.
      if (next !== "\n") current += next;
      inWord = inWord || next !== "\n";
      i += 2;
    } else {
      current += ch;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(current);
  return { ok: true, words };
}
