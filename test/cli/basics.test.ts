import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

describe("tooldbg basics (real binary)", () => {
  it("prints its version", async () => {
    const r = await runCli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("prints help listing every command, and per-command help with an example", async () => {
    const top = await runCli(["--help"]);
    expect(top.code).toBe(0);
    for (const name of ["call", "schema", "test", "scan", "export"]) expect(top.stdout).toContain(`  ${name}`);
    const call = await runCli(["call", "--help"]);
    expect(call.code).toBe(0);
    expect(call.stdout).toContain("Usage: tooldbg call <tool>");
    expect(call.stdout).toContain("Example:");
  });

  it.each([
    [["frobnicate"], /unknown command 'frobnicate'/],
    [["call", "x", "--bogus"], /Unknown option '--bogus'/],
    [["call", "x", "{}"], /--tools MODULE is required/],
    [["call", "x", "{}", "--tools", "nope/missing.ts"], /cannot load tools module nope\/missing\.ts: no such file/],
    [["call", "x", "{}", "--tools", "examples/billing/tools.ts", "--timeout", "soon"], /--timeout takes a positive whole number/],
    [["run", "agent.ts"], /run opens a terminal UI, but stdin is not a terminal; without one, run: tooldbg run agent.ts --headless/],
  ])("exits 2 with one line for a usage error: %j", async (args, pattern) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe("");
  });

  it("keeps non-TTY output free of escape codes, and honours NO_COLOR", async () => {
    const plain = await runCli(["call", "get_invoice_status", '{"id":"INV-123"}', "--tools", "examples/billing/tools.ts"]);
    expect(plain.stdout).not.toContain("\x1b[");
    const forced = await runCli(["call", "get_invoice_status", '{"id":"INV-123"}', "--tools", "examples/billing/tools.ts"], {
      env: { FORCE_COLOR: "1", NO_COLOR: "1" },
    });
    expect(forced.stdout).not.toContain("\x1b[");
  });
});
