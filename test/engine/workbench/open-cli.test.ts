import { describe, expect, it } from "vitest";
import { runCli } from "../../helpers/run-cli.js";

// Through the built binary (npm test builds dist/): usage errors are one line and exit 2.
describe("tooldbg open without a terminal or with bad input", () => {
  it.each([
    [["open", "examples/logs/prod-openai-chat.jsonl"], /^tooldbg: open is a terminal UI, but stdin is not a terminal; for a report without one, run: tooldbg scan examples\/logs\/prod-openai-chat.jsonl\n$/],
    [["open"], /^tooldbg: open needs a log or session file/],
    [["open", "no-such.jsonl"], /^tooldbg: cannot read log no-such.jsonl: no such file\n$/],
    [["open", "examples/logs/prod-openai-chat.jsonl", "--format", "nope"], /^tooldbg: unknown --format "nope"/],
    [["open", "examples/logs/prod-openai-chat.jsonl", "--timeout", "soon"], /^tooldbg: --timeout takes a positive whole number/],
    [["open", "examples/logs/prod-openai-chat.jsonl", "--bogus"], /^tooldbg: Unknown option '--bogus' \(see 'tooldbg open --help'\)\n$/],
  ])("%j exits 2 with one line", async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("is listed in the help with its options", async () => {
    const top = await runCli(["--help"]);
    expect(top.stdout).toMatch(/^ {2}open +Browse and replay/m);
    const own = await runCli(["open", "--help"]);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain("--tools MODULE");
    expect(own.stdout).toContain("tooldbg scan");
  });
});
