import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers/run-cli.js";

/**
 * The build bundles the scan's two threads (scripts/bundle-scan-threads.mjs): each must be one
 * self-contained file, or a thread would load the modules beside it after all, or, were dist
 * laid out differently, fail to find them. The CLI tests (scan, scan-threads) run these bundles.
 */
const bundles = ["scan-worker.js", "scan-reader-worker.js"].map((name) => ({ name, text: readFileSync(join(REPO, "dist/engine/logs", name), "utf8") }));

describe("the scan threads' bundles", () => {
  it.each(bundles)("$name imports no module of its own from beside it", ({ text }) => {
    expect(text.startsWith('import { createRequire as __tooldbgCreateRequire } from "node:module";')).toBe(true);
    expect(text.match(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["'`]\.\.?\//g)).toBeNull();
  });

  it.each(bundles)("$name resolves no path from its own place but the reading thread's entry", ({ text }) => {
    const urls = text.match(/new URL\([^)]*import\.meta\.url/g) ?? [];
    for (const url of urls) expect(url).toMatch(/^new URL\(`\.\/scan-reader-worker\$\{/);
  });
});
