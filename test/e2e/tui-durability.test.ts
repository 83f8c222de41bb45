import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEY, ptyTestBed, quit } from "../helpers/pty-screen.js";
import { REPO, runCli } from "../helpers/run-cli.js";

const TOOLS = join(REPO, "examples/billing/tools.ts");
const KEY_VALUE = "sk-proj-DURABILITYtestKEY0123456789abcdef";
const bed = ptyTestBed();

const filesBelow = (root: string): string[] => readdirSync(root, { recursive: true, encoding: "utf8" }).map((file) => join(root, file));

describe("a TUI session killed with SIGKILL", () => {
  it("keeps every event it showed, holds no API key, and reopens with open", async () => {
    const dir = bed.scratch("tooldbg-tui-kill-");
    const sessionFile = join(dir, "killed.jsonl");
    // A key in the environment (the scripted model never sends it) must reach no file.
    const run = bed.spawn(["run", TOOLS, "--scripted", "--session", sessionFile], { cwd: dir, columns: 120, rows: 40, env: { OPENAI_API_KEY: KEY_VALUE } });
    await run.waitForText(/⏸ get_invoice_status \{"id":"INV-123/);
    await run.press("f");
    await run.waitForText(/\{"invoice_id":"INV-123"\}/);
    await run.press("r");
    await run.waitForText(/Result ✓ ok · run 1 · validated/);
    await run.press(KEY.enter);
    await run.waitForText(/⏸ create_ticket/);

    run.kill("SIGKILL");
    await run.exited; // node-pty reports the signal, not an exit code


    const lines = readFileSync(sessionFile, "utf8").split("\n");
    expect(lines.at(-1)).toBe(""); // every line whole
    const events = lines.slice(0, -1).map((line) => JSON.parse(line) as { type?: string; tooldbg?: string; callId?: string; toolCalls?: { id: string }[] });
    expect(events[0]?.tooldbg).toBe("session/1");
    const has = (type: string, callId: string) => events.some((e) => e.type === type && (e.callId === callId || e.toolCalls?.some((c) => c.id === callId)));
    // What was on screen before the kill: both model turns, the re-run, the answer sent back, the pause.
    expect(has("assistant", "call_status")).toBe(true);
    expect(has("execution", "call_status")).toBe(true);
    expect(has("tool_message", "call_status")).toBe(true);
    expect(has("assistant", "call_ticket")).toBe(true);
    expect(has("paused", "call_ticket")).toBe(true);
    for (const file of filesBelow(dir)) expect(readFileSync(file, "utf8")).not.toContain(KEY_VALUE);

    const scan = await runCli(["scan", sessionFile, "--json"]);
    const doc = JSON.parse(scan.stdout) as { files: { format: string; errors: unknown[] }[]; calls: { callId: string }[] };
    expect(doc.files[0]).toMatchObject({ format: "tooldbg", errors: [] });
    expect(doc.calls.map((c) => c.callId)).toEqual(["call_status", "call_ticket"]);

    const open = bed.spawn(["open", sessionFile, "--tools", TOOLS], { cwd: dir, columns: 120, rows: 40 });
    await open.waitForText(/get_invoice_status \{"id"/);
    await open.waitForText(/create_ticket/);
    expect(await quit(open)).toBe(0);
  }, 90_000);
});
