import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ptyTestBed } from "../helpers/pty-screen.js";
import { BIN, REPO, runCli } from "../helpers/run-cli.js";

/** `… | tooldbg scan -`: a log piped in scans as the same log read from a file. */
const LOG = "examples/logs/prod-openai-chat.jsonl";
const text = readFileSync(join(REPO, LOG));
/** The output with the file's name where stdin's `-` stands. */
const asFile = (out: string) => out.replaceAll('"file":"-"', `"file":"${LOG}"`).replaceAll('"path":"-"', `"path":"${LOG}"`);

const bed = ptyTestBed();

describe("tooldbg scan - (stdin)", () => {
  it("scans a piped log as the file itself: the same calls, findings and exit status", async () => {
    const file = await runCli(["scan", LOG, "--jsonl"]);
    const piped = await runCli(["scan", "-", "--jsonl"], { input: text });
    expect(piped.stderr).toBe("");
    expect(piped.code).toBe(file.code);
    expect(asFile(piped.stdout)).toBe(file.stdout);
    const human = await runCli(["scan", "-"], { input: text });
    expect(human.stdout).toMatch(/^- {2}openai-chat, 6 lines, 1 bad line skipped\n {2}! -:4: record is cut off/);
  });

  it("judges a piped log whose first line is too long to read whole by that line's start, and reads it all", async () => {
    // A 3 MB first line (a tool's result holding a whole file), then the log's other lines.
    const big = JSON.stringify({
      model: "claude-sonnet-4-5",
      messages: [
        { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "read_file", input: { path: "a" } }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "x".repeat(3 * 1024 * 1024) }] },
      ],
    });
    const small = JSON.stringify({ model: "claude-sonnet-4-5", messages: [{ role: "assistant", content: [{ type: "tool_use", id: "toolu_2", name: "read_file", input: { path: "b" } }] }] });
    const piped = await runCli(["scan", "-", "--jsonl"], { input: `${big}\n${small}\n` });
    expect(piped.stderr).toBe("");
    const lines = piped.stdout.trim().split("\n").map((line) => JSON.parse(line) as { callId?: string; files?: { format: string }[] });
    expect(lines.flatMap((line) => (line.callId ? [line.callId] : []))).toEqual(["toolu_1", "toolu_2"]);
    expect(lines.at(-1)?.files?.[0]?.format).toBe("anthropic");
  });

  it("reads a piped gzip log, and one of a given --format (nothing detected)", async () => {
    const file = await runCli(["scan", LOG, "--jsonl"]);
    const gz = await runCli(["scan", "-", "--jsonl"], { input: gzipSync(text) });
    expect(asFile(gz.stdout)).toBe(file.stdout);
    const forced = await runCli(["scan", "-", "--jsonl", "--format", "openai-chat"], { input: text });
    expect(asFile(forced.stdout)).toBe(file.stdout);
  });

  it("reads a UTF-16 log (a byte-order mark first, as PowerShell's > writes it) as the UTF-8 one, from a file and piped", async () => {
    const file = await runCli(["scan", LOG, "--jsonl"]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.toString("utf8"), "utf16le")]);
    const piped = await runCli(["scan", "-", "--jsonl"], { input: utf16 });
    expect(piped.stderr).toBe("");
    expect(piped.code).toBe(file.code);
    expect(asFile(piped.stdout)).toBe(file.stdout);
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-utf16-"));
    const saved = join(dir, "prod.jsonl");
    writeFileSync(saved, utf16);
    const fromFile = await runCli(["scan", saved, "--jsonl"]);
    expect(fromFile.code).toBe(file.code);
    expect(fromFile.stdout.replaceAll(JSON.stringify(saved).slice(1, -1), LOG)).toBe(file.stdout);
    const id = (JSON.parse(file.stdout.split("\n")[0] ?? "{}") as { callId: string }).callId;
    const exported = await runCli(["export", saved, "--call", id, "--out", join(dir, "fx")]);
    expect(exported.code, exported.stderr).toBe(0);
  });

  it("streams calls as they are diagnosed while stdin is still open (a live log)", async () => {
    const child = spawn(process.execPath, [BIN, "scan", "-", "--jsonl"], { cwd: REPO, stdio: ["pipe", "pipe", "pipe"] });
    const lines = text.toString("utf8").split("\n");
    // The first three records: the first call's result is in the second.
    child.stdin.write(`${lines.slice(0, 3).join("\n")}\n`);
    const first = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no output while stdin stayed open")), 15_000);
      child.stdout.once("data", (d: Buffer) => {
        clearTimeout(timer);
        resolve(d.toString());
      });
    });
    expect(first).toContain('"callId":"call_9f2a"');
    child.stdin.end(lines.slice(3).join("\n"));
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
  });

  it("Ctrl-C while reading stdin finishes what was read and prints the report; a second one stops at once", async () => {
    const lines = text.toString("utf8").split("\n");
    /** A scan of stdin that has diagnosed the first records (so it is reading, its handler in place). */
    const started = async () => {
      const child = spawn(process.execPath, [BIN, "scan", "-", "--jsonl"], { cwd: REPO, stdio: ["pipe", "pipe", "pipe"] });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
      let stdout = "";
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      const firstCall = new Promise<void>((resolve) =>
        child.stdout.on("data", (d: Buffer) => {
          stdout += d.toString();
          resolve();
        }),
      );
      child.stdin.write(`${lines.slice(0, 3).join("\n")}\n`);
      await firstCall;
      const said = () =>
        new Promise<void>((resolve) => {
          const check = () => (stderr.includes("interrupted") ? resolve() : setTimeout(check, 20));
          check();
        });
      return { child, exited, said, out: () => stdout, err: () => stderr };
    };
    // The first: the writer (here, this test) ends on it too, and the report comes.
    const once = await started();
    once.child.kill("SIGINT");
    await once.said();
    once.child.stdin.end();
    expect(await once.exited).toEqual({ code: 1, signal: null });
    expect(once.err()).toBe("tooldbg: interrupted: finishing the calls read so far (Ctrl-C again to stop now)\n");
    const summary = JSON.parse(once.out().trim().split("\n").at(-1) as string) as { tooldbg: string; files: { records: number }[] };
    expect(summary.tooldbg).toBe("scan/1");
    expect(summary.files[0]?.records).toBe(3);
    // Twice: stopped at once by the signal (a shell says 130), stdin still open.
    const twice = await started();
    twice.child.kill("SIGINT");
    await twice.said();
    twice.child.kill("SIGINT");
    expect(await twice.exited).toEqual({ code: null, signal: "SIGINT" });
    twice.child.stdin.destroy();
  }, 30_000);

  it("says plainly what it cannot do: stdin twice, stdin for another command, a terminal, an empty stdin", async () => {
    const twice = await runCli(["scan", "-", "-"], { input: text });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toBe("tooldbg: stdin (-) can be named once\n");
    const exported = await runCli(["export", "-", "--call", "call_9f2a"], { input: text });
    expect(exported.code).toBe(2);
    expect(exported.stderr).toMatch(/^tooldbg: only scan reads a log from stdin \(-\)/);
    const terminal = bed.spawn(["scan", "-"]);
    await terminal.waitForText(/stdin is a terminal, not a log: pipe one in/);
    expect(await terminal.exited).toBe(2);
    const empty = await runCli(["scan", "-"], { input: "" });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe("tooldbg: stdin is empty: there is nothing to read\n");
  });
});
