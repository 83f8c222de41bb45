import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ptyTestBed, quit } from "../helpers/pty-screen.js";
import { REPO } from "../helpers/run-cli.js";

const TOOLS = join(REPO, "examples/billing/tools.ts");
const LOG = join(REPO, "examples/logs/prod-openai-chat.jsonl");
const bed = ptyTestBed();

describe("E hands the terminal to $EDITOR and takes it back", () => {
  it("the editor gets the screen and the keyboard; its text comes back as the call's edit", async () => {
    const dir = bed.scratch("tooldbg-tui-editor-");
    // A stand-in editor that needs the keyboard: it reads a line, then writes the arguments file.
    const editor = join(dir, "editor.sh");
    writeFileSync(editor, `#!/bin/sh\nprintf 'EDITOR RUNNING on %s\\n' "$(basename "$1")"\nread answer\nprintf '{"invoice_id":"INV-%s"}\\n' "$answer" > "$1"\n`);
    chmodSync(editor, 0o755);
    const screen = bed.spawn(["open", LOG, "--tools", TOOLS, "--out", join(dir, "out")], { columns: 120, rows: 40, env: { EDITOR: editor } });
    await screen.waitForText(/Findings \(3\)/);

    await screen.press("E");
    await screen.waitForText(/EDITOR RUNNING on get_invoice_status\S*\.json/);
    await screen.press("7");
    await screen.press("7");
    await screen.press("\r");
    const back = await screen.waitForText(/Edited arguments/);
    expect(back).toContain('{"invoice_id":"INV-77"}');
    expect(back).toMatch(/Timeline 1\/6/);

    // The keyboard is the TUI's again.
    await screen.press("j");
    await screen.waitForText(/Timeline 2\/6/);
    expect(await quit(screen, /Confirm/)).toBe(0);
  }, 60_000);
});
