import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The whole run's temporary files under one directory, removed when the run ends: tests (and the
 * CLIs, tool workers and terminals they start) make their files under os.tmpdir(), which reads
 * TMPDIR, and the forked test workers inherit it. Some write logs of 100 MB and more; left in
 * /tmp, each run added gigabytes.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "tooldbg-tests-"));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(dir, { recursive: true, force: true });
  };
}
