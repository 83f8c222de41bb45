// Build step after tsc: the two threads of a long `scan` (scan-worker, and scan-reader-worker that
// it starts) each become one self-contained file, in place in dist/engine/logs/. Loaded as
// tsc leaves them, each thread resolves, reads and links 100-250 modules (ajv's CommonJS files
// among them, with a realpath per require) before it can read a line: the scan of a small log
// took ~300 ms against ~245 ms bundled, and a long one starts reading ~40 ms sooner
// (bench/core.mjs: "scan, small log"). Everything else in dist stays as tsc wrote it.
//
// What this relies on, checked by test/cli/scan-bundle.test.ts: the bundled code resolves paths
// from import.meta.url only to what sits beside it or in node_modules (the reader thread's entry;
// zod and Node's builtins), so the bundles keep their places and every URL stays right. tsx is
// never bundled: there must be one copy of it, the one that registers its loader hooks.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const dist = fileURLToPath(new URL("../dist/engine/logs/", import.meta.url));
const entries = ["scan-worker.js", "scan-reader-worker.js"].map((name) => `${dist}${name}`);

await build({
  entryPoints: entries,
  outdir: dist,
  allowOverwrite: true,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // jsonc-parser's "main" is a UMD build whose requires esbuild cannot follow; its ESM build is "module".
  mainFields: ["module", "main"],
  external: ["tsx", "tsx/*"],
  // Bundled CommonJS (ajv) requires Node's builtins at run time: give the ESM bundle a require.
  banner: { js: 'import { createRequire as __tooldbgCreateRequire } from "node:module"; const require = __tooldbgCreateRequire(import.meta.url);' },
  logLevel: "warning",
});
