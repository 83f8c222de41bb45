import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecutionOutcome } from "../../../src/engine/executor/outcome.js";
import { ToolHost } from "../../../src/engine/executor/tool-host.js";
import { childProcessesOf, waitFor } from "./process-helpers.js";

const FIXTURES = "test/fixtures/tools";
const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

const call = (host: ToolHost, tool: string, args: unknown = {}): Promise<ExecutionOutcome> =>
  host.call({ tool, args, argumentsText: JSON.stringify(args), mode: "validated" });

/** A scratch project outside the repository, so nothing resolves through tooldbg's node_modules. */
function scratchProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "tooldbg-executor-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const TOOL_MODULE = `
import { tool } from "tooldbg";
import { z } from "zod";

export const greet = tool({
  name: "greet",
  parameters: z.object({ name: z.string() }),
  execute: ({ name }) => "hello " + name,
});
`;

describe("loading tool modules", () => {
  const scratchDirs: string[] = [];
  const scratch = (files: Record<string, string>) => {
    const dir = scratchProject(files);
    scratchDirs.push(dir);
    return dir;
  };

  afterAll(async () => {
    for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
    await waitFor(() => childProcessesOf(process.pid).length === 0, { what: "no worker processes left" });
  });

  it("reports each broken module with a one-line message and keeps the good ones", async () => {
    const host = await ToolHost.start({
      modules: [`${FIXTURES}/calm.ts`, `${FIXTURES}/exits-on-load.ts`, `${FIXTURES}/throws-on-load.ts`, `${FIXTURES}/no-tools.ts`, `${FIXTURES}/missing.ts`],
    });
    try {
      expect(host.tools.map((spec) => spec.name)).toEqual(["add"]);
      const byModule = new Map(host.loadErrors.map((error) => [path.basename(error.module), error]));
      expect(byModule.get("exits-on-load.ts")).toMatchObject({ kind: "threw", message: "called process.exit(7) while loading" });
      expect(byModule.get("throws-on-load.ts")).toMatchObject({ kind: "threw" });
      expect(byModule.get("throws-on-load.ts")?.message).toMatch(/^threw TypeError: missing BILLING_URL \(at test\/fixtures\/tools\/throws-on-load\.ts:2:\d+\)$/);
      expect(byModule.get("no-tools.ts")?.kind).toBe("no_tools");
      expect(byModule.get("missing.ts")).toMatchObject({ kind: "not_found" });
      expect(byModule.get("missing.ts")?.message).toContain("missing.ts");
      for (const error of host.loadErrors) expect(error.message).not.toContain("\n");
      expect(await call(host, "add", { a: 2, b: 3 })).toMatchObject({ status: "ok", result: 5 });
    } finally {
      await host.close();
    }
  });

  it("points at the line and column of a syntax error, in TypeScript and in JavaScript", async () => {
    const broken = "export const a = 1;\nconst b = {\n  c: 1,,\n};\n";
    // Different names: given both x.ts and x.js, tsx serves x.ts for either.
    const dir = scratch({ "package.json": '{ "type": "module" }', "broken.ts": broken, "broken-js.js": broken });
    const host = await ToolHost.start({ modules: ["broken.ts", "broken-js.js"], cwd: dir });
    try {
      expect(host.loadErrors).toEqual([
        { module: "broken.ts", kind: "syntax", message: expect.stringMatching(/^syntax error at broken\.ts:3:8: Expected identifier but found ","$/) as unknown },
        { module: "broken-js.js", kind: "syntax", message: "syntax error at broken-js.js:3:8: Unexpected token ','" },
      ]);
    } finally {
      await host.close();
    }
  });

  it("names a missing dependency as not_found", async () => {
    const dir = scratch({ "package.json": '{ "type": "module" }', "deps.ts": 'import "left-pad-that-is-not-installed";\nexport const x = 1;\n' });
    const host = await ToolHost.start({ modules: ["deps.ts"], cwd: dir });
    try {
      expect(host.loadErrors).toEqual([{ module: "deps.ts", kind: "not_found", message: expect.stringContaining("left-pad-that-is-not-installed") as unknown }]);
    } finally {
      await host.close();
    }
  });

  it("gives up on a module that hangs while loading, within the load timeout", async () => {
    const dir = scratch({ "package.json": '{ "type": "module" }', "stuck.ts": "await new Promise(() => {});\nexport const x = 1;\n" });
    const host = await ToolHost.start({ modules: ["stuck.ts"], cwd: dir, loadTimeoutMs: 500 });
    try {
      expect(host.tools).toEqual([]);
      expect(host.loadErrors).toEqual([{ module: "stuck.ts", kind: "threw", message: "loading did not finish within 500 ms" }]);
    } finally {
      await host.close();
    }
  });

  it("flags a tool name defined twice", async () => {
    const dir = scratch({ "package.json": '{ "type": "module" }', "one.ts": TOOL_MODULE, "two.ts": TOOL_MODULE });
    const host = await ToolHost.start({ modules: ["one.ts", "two.ts"], cwd: dir });
    try {
      expect(host.tools.map((spec) => spec.source.module)).toEqual(["one.ts"]);
      expect(host.loadErrors).toEqual([{ module: "two.ts", kind: "invalid_tool", message: expect.stringContaining('duplicate tool name "greet"') as unknown }]);
    } finally {
      await host.close();
    }
  });

  describe("outside the repository, with no node_modules", () => {
    beforeAll(() => {
      // The fallback is only proven if nothing above the scratch dir could resolve the packages.
      for (let dir = tmpdir(); ; dir = path.dirname(dir)) {
        expect(existsSync(path.join(dir, "node_modules")), `${dir}/node_modules must not exist`).toBe(false);
        if (path.dirname(dir) === dir) break;
      }
    });

    it.each([
      ["an ES module project", { "package.json": '{ "type": "module" }', "tools.ts": TOOL_MODULE }],
      ["a loose .ts file (compiled to CommonJS)", { "tools.ts": TOOL_MODULE }],
      ["an .mjs file", { "tools.mjs": TOOL_MODULE }],
    ])("imports tooldbg and zod from tooldbg's own install in %s", async (_label, files) => {
      const dir = scratch(files);
      const moduleName = Object.keys(files).find((name) => name !== "package.json") ?? "";
      const host = await ToolHost.start({ modules: [moduleName], cwd: dir });
      try {
        expect(host.loadErrors).toEqual([]);
        expect(host.tools.map((spec) => spec.name)).toEqual(["greet"]);
        expect(await call(host, "greet", { name: "Ada" })).toMatchObject({ status: "ok", result: "hello Ada" });
        expect(await call(host, "greet", { name: 1 })).toMatchObject({ status: "error", phase: "validation" });
      } finally {
        await host.close();
      }
    });

    it("uses the project's own zod when it has one", async () => {
      const realZod = pathToRealZod();
      const dir = scratch({
        "package.json": '{ "type": "module" }',
        "node_modules/zod/package.json": JSON.stringify({ name: "zod", version: "0.0.0-user", exports: { ".": { import: "./index.mjs", require: "./index.cjs" } } }),
        "node_modules/zod/index.mjs": `export * from ${JSON.stringify(realZod.esm)};\nexport const whose = "the project's zod";\n`,
        "node_modules/zod/index.cjs": `module.exports = { ...require(${JSON.stringify(realZod.cjs)}), whose: "the project's zod" };\n`,
        "tools.ts": `${TOOL_MODULE}\nimport { whose } from "zod";\nexport const whichZod = tool({ name: "which_zod", parameters: z.object({}), execute: () => whose });\n`,
        "cjs/tools.cts": `const { tool } = require("tooldbg");\nconst { z, whose } = require("zod");\nexports.whichZodCjs = tool({ name: "which_zod_cjs", parameters: z.object({}), execute: () => whose });\n`,
      });
      const host = await ToolHost.start({ modules: ["tools.ts", "cjs/tools.cts"], cwd: dir });
      try {
        expect(host.loadErrors).toEqual([]);
        expect(await call(host, "which_zod")).toMatchObject({ status: "ok", result: "the project's zod" });
        expect(await call(host, "which_zod_cjs")).toMatchObject({ status: "ok", result: "the project's zod" });
      } finally {
        await host.close();
      }
    });
  });
});

function pathToRealZod(): { esm: string; cjs: string } {
  const root = path.join(REPO_ROOT, "node_modules", "zod");
  return { esm: path.join(root, "index.js"), cjs: path.join(root, "index.cjs") };
}
