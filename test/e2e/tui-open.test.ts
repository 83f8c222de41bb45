import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEY, ptyTestBed, quit } from "../helpers/pty-screen.js";
import { REPO, runCli } from "../helpers/run-cli.js";

const TOOLS = join(REPO, "examples/billing/tools.ts");
const LOG = join(REPO, "examples/logs/prod-openai-chat.jsonl");
const bed = ptyTestBed();

describe("tooldbg open in a terminal (TUI)", () => {
  it("lists the calls; a bad call shows findings beside the signature; f, r, x --out, q; the fixture replays", async () => {
    const dir = bed.scratch("tooldbg-tui-open-");
    const out = join(dir, "regressions");
    const screen = bed.spawn(["open", LOG, "--tools", TOOLS, "--out", out], { columns: 120, rows: 40 });
    await screen.waitForText(/Timeline 1\/6/);
    const list = await screen.waitForText(/lookup_customer/);
    for (const tool of ["get_invoice_status", "create_ticket", "refund_invoice", "send_invoice_email"]) expect(list).toContain(tool);
    expect(list).toMatch(/1 bad line \(prod-openai-chat\.jsonl:4/);

    // Down to the good call and back up to the bad one.
    await screen.press("j");
    await screen.waitForText(/Timeline 2\/6/);
    await screen.waitForText(/no findings/);
    await screen.press(KEY.up);
    await screen.waitForText(/Timeline 1\/6/);
    const bad = await screen.waitForText(/Findings \(3\)/);
    expect(bad).toMatch(/✗ invoice_id {2}missing {2}string {2}required/);
    expect(bad).toMatch(/✗ id {2}unexpected/);
    expect(bad).toMatch(/rename id to invoice_id/);
    expect(bad).toMatch(/Logged error \(inferred from the text\)/);

    await screen.press("f");
    await screen.waitForText(/Edited arguments/);
    await screen.press("r");
    await screen.waitForText(/Result ✓ ok · run 1 · validated/);
    await screen.waitForText(/Diff against the logged result/);

    await screen.press("x");
    // The path may be cut to the terminal's width; the file itself is checked below.
    await screen.waitForText(/fixture written: \S*regressions\/get_invoice_status\//);

    expect(await quit(screen, /Confirm/)).toBe(0);

    expect(readdirSync(join(out, "get_invoice_status"))).toHaveLength(1);
    const replay = await runCli(["test", out, "--tools", TOOLS]);
    expect(replay.code, replay.stdout + replay.stderr).toBe(0);
  }, 90_000);

  it("shows a hostile log's control characters escaped: nothing of the log commands the terminal", async () => {
    const log = join(bed.scratch("tooldbg-tui-hostile-"), "hostile.jsonl");
    const completion = {
      object: "chat.completion",
      model: "gpt\u001b]0;pwned\u0007",
      choices: [{ index: 0, message: { role: "assistant", tool_calls: [{ id: "call_\u001b]52;c;ZXZpbA==\u0007", type: "function", function: { name: "f", arguments: '{"a":"\u001b[2J\r"}' } }] }, finish_reason: "tool_calls" }],
    };
    writeFileSync(log, `${JSON.stringify(completion)}\n`);
    const screen = bed.spawn(["open", log], { columns: 120, rows: 40 });
    await screen.waitForText(/Timeline 1\/1/);
    expect(await screen.waitForText(/call_\\u001b\]52;c;ZXZpbA==\\u0007/)).toMatch(/gpt\\u001b\]0;pwn/);
    // The sequences the log holds never reach the terminal; the TUI's own drawing codes do.
    expect(screen.output).not.toContain("\u001b]52;");
    expect(screen.output).not.toContain("\u001b]0;pwned");
    expect(screen.output).not.toContain("\u001b[2J\r");
    expect(await quit(screen)).toBe(0);
  });

  it("opens a gzip log as its text", async () => {
    const gz = join(bed.scratch("tooldbg-tui-gz-"), "prod.jsonl.gz");
    writeFileSync(gz, gzipSync(readFileSync(LOG)));
    const screen = bed.spawn(["open", gz], { columns: 120, rows: 40 });
    await screen.waitForText(/Timeline 1\/6/);
    expect(await screen.waitForText(/lookup_customer/)).toMatch(/1 bad line \(prod\.jsonl\.gz:4/);
    expect(await quit(screen)).toBe(0);
  });

  it("opens a LangSmith run export: its calls, the bad lines, a tool run's logged error", async () => {
    const screen = bed.spawn(["open", join(REPO, "test/fixtures/logs/langchain-runs.jsonl")], { columns: 140, rows: 40 });
    await screen.waitForText(/Timeline 1\/6/);
    expect(await screen.waitForText(/charge_card/)).toMatch(/2 bad lines \(langchain-runs\.jsonl:5/);
    await screen.press("j");
    await screen.waitForText(/Timeline 2\/6 ─+ ✗ failed get_time/);
    expect(await screen.waitForText(/ValueError\('unknown zone Europe\/Paris'\)/)).toMatch(/tool_error/);
    expect(await quit(screen)).toBe(0);
  }, 60_000);

  it("opens a directory of logs: the calls of every log in it", async () => {
    const dir = bed.scratch("tooldbg-tui-dir-");
    mkdirSync(join(dir, "archive"));
    writeFileSync(join(dir, "today.jsonl"), readFileSync(LOG));
    writeFileSync(join(dir, "archive", "runs.jsonl"), readFileSync(join(REPO, "test/fixtures/logs/langchain-runs.jsonl")));
    writeFileSync(join(dir, "README.md"), "Rotated nightly.\n");
    const screen = bed.spawn(["open", dir], { columns: 140, rows: 40 });
    await screen.waitForText(/Timeline 1\/12/);
    expect(await screen.waitForText(/charge_card/)).toContain("lookup_customer");
    expect(await quit(screen)).toBe(0);
  }, 60_000);

  it("a resized terminal is redrawn at the new size", async () => {
    const screen = bed.spawn(["open", LOG, "--tools", TOOLS], { columns: 140, rows: 40 });
    await screen.waitForText(/Timeline 1\/6 ─+ ✗ failed get_invoice_status/);
    screen.resize(80, 24);
    const narrow = await screen.waitForText(/Timeline 1\/6 ─{20,}\n/);
    expect(Math.max(...narrow.split("\n").map((line) => line.length))).toBeLessThanOrEqual(80);
    await screen.press("q");
    expect(await screen.exited).toBe(0);
  }, 60_000);

  it("NO_COLOR: the screen is drawn without a single colour or style code", async () => {
    const screen = bed.spawn(["open", LOG, "--tools", TOOLS], { columns: 100, rows: 30, env: { NO_COLOR: "1" } });
    await screen.waitForText(/Findings \(3\)/);
    await screen.press("j");
    await screen.waitForText(/Timeline 2\/6/);
    await screen.press("q");
    expect(await screen.exited).toBe(0);
    // eslint-disable-next-line no-control-regex -- SGR (colour/style) sequences are what must be absent
    expect(screen.output).not.toMatch(/\x1b\[[0-9;]*m/);
  }, 60_000);
});
