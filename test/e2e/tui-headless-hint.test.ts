import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

describe("the TUI commands without a terminal", () => {
  it("run with a piped stdin prints one line pointing at --headless and exits 2", async () => {
    const result = await runCli(["run", "examples/billing/tools.ts"]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/not a terminal.*--headless/);
    expect(result.stdout).toBe("");
    expect(result.stderr).not.toContain("\x1b");
  });
});
