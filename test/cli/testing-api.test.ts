import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers/run-cli.js";

describe("tooldbg/testing", () => {
  it("replays the example fixtures inside node:test, through the package's public export", () => {
    const r = spawnSync(process.execPath, ["--test", "--test-reporter=tap", "examples/billing/fixtures.node-test.mjs"], { cwd: REPO, encoding: "utf8", timeout: 60_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/# pass [1-9]/);
    expect(r.stdout).toMatch(/# fail 0/);
  });
});
