import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listLogPaths, sizedLogPaths } from "../../src/cli/log-paths.js";
import { UsageError } from "../../src/cli/usage-error.js";

describe("listLogPaths", () => {
  it("keeps files as named and lists a directory's files, numbers in order, hidden ones and directory links left out", () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-paths-"));
    for (const name of ["app.log.10", "app.log.2", "app.log", ".hidden"]) writeFileSync(join(dir, name), "{}\n");
    mkdirSync(join(dir, "b"));
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, "b", "x.jsonl"), "{}\n");
    writeFileSync(join(dir, ".git", "HEAD"), "ref\n");
    symlinkSync(dir, join(dir, "b", "loop"));
    symlinkSync(join(dir, "app.log"), join(dir, "current"));
    expect(listLogPaths(["-", "missing.jsonl", dir])).toEqual([
      { path: "-" },
      { path: "missing.jsonl" },
      ...["app.log", "app.log.2", "app.log.10", join("b", "x.jsonl"), "current"].map((name) => ({ path: join(dir, name), directory: dir })),
    ]);
  });

  it("says a directory with nothing in it has nothing to read", () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-paths-"));
    mkdirSync(join(dir, "empty"));
    expect(() => listLogPaths([dir])).toThrow(UsageError);
    expect(() => listLogPaths([dir])).toThrow(/no files in it/);
    expect(sizedLogPaths([dir, "other.jsonl"])).toEqual({ files: ["other.jsonl"] });
  });

  it("reads the listing made to size a scan instead of listing the directory again, for the same paths only", () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-paths-"));
    for (const name of ["a.jsonl", "b.jsonl"]) writeFileSync(join(dir, name), "{}\n");
    const sized = sizedLogPaths([dir, "other.jsonl"]);
    expect(sized.files).toEqual([join(dir, "a.jsonl"), join(dir, "b.jsonl"), "other.jsonl"]);
    // A file added since is not listed: the scan reads what was sized.
    writeFileSync(join(dir, "c.jsonl"), "{}\n");
    expect(listLogPaths([dir, "other.jsonl"], sized.listing).map((log) => log.path)).toEqual(sized.files);
    // Other paths are listed anew.
    expect(listLogPaths([dir], sized.listing).map((log) => log.path)).toEqual(["a.jsonl", "b.jsonl", "c.jsonl"].map((name) => join(dir, name)));
  });
});
