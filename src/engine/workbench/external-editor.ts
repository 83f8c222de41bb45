import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TerminalHandoff } from "./workbench-contract.js";

/** The editor to run: $EDITOR, else $VISUAL, else vi. */
export const editorCommand = (env: NodeJS.ProcessEnv): string => env["EDITOR"]?.trim() || env["VISUAL"]?.trim() || "vi";

/** Runs with the terminal handed over; resolves with the exit code or the spawn error. */
function runEditor(command: string, file: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; error?: string }> {
  return new Promise((resolve) => {
    // Through the shell: $EDITOR is often "code --wait" or "emacsclient -t".
    const child = spawn("/bin/sh", ["-c", `${command} "$1"`, "sh", file], { stdio: "inherit", env });
    child.on("error", (error) => resolve({ code: null, error: error.message }));
    child.on("exit", (code, signal) => resolve(signal ? { code: null, error: `killed by ${signal}` } : { code }));
  });
}

/**
 * `E`: write the arguments to a temp file, give the terminal to the editor, read the text back.
 * The one trailing newline editors add is dropped: the arguments are a string, not a file.
 */
export async function editExternally(
  text: string,
  opts: { handoff: TerminalHandoff; env: NodeJS.ProcessEnv; name: string },
): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  const dir = await mkdtemp(join(tmpdir(), "tooldbg-edit-"));
  const file = join(dir, `${opts.name.replace(/[^A-Za-z0-9_.-]+/g, "_") || "arguments"}.json`);
  try {
    await writeFile(file, `${text}\n`, { mode: 0o600 });
    const command = editorCommand(opts.env);
    const run = await opts.handoff.suspend(() => runEditor(command, file, opts.env));
    if (run.error !== undefined) return { ok: false, message: `could not run the editor "${command}": ${run.error} (set $EDITOR)` };
    if (run.code !== 0) return { ok: false, message: `the editor "${command}" exited with code ${run.code}: arguments left unchanged` };
    const edited = await readFile(file, "utf8");
    return { ok: true, text: edited.endsWith("\r\n") ? edited.slice(0, -2) : edited.endsWith("\n") ? edited.slice(0, -1) : edited };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
