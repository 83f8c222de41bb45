// Runs inside the tool worker only: importing a module executes the user's code.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire, register } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { LoadedTool } from "./loaded-tool.js";
import { recognizeExports } from "./recognize.js";
import { installCjsFallback } from "./resolve-hook-cjs.js";
import { PACKAGE_ROOT } from "./resolve-hook-fallback.js";
import type { LoadError } from "./tool-spec.js";

export interface LoadedModules {
  tools: LoadedTool[];
  errors: LoadError[];
}

let fallbackRegistered = false;

/** Let tool modules import "tooldbg" and "zod" even when their project has neither. Idempotent. */
export function registerFallbackResolution(): void {
  if (fallbackRegistered) return;
  fallbackRegistered = true;
  // From src/ under tsx the hook is a .ts file; tsx's hooks (registered first) load it.
  const hookFile = import.meta.url.endsWith(".ts") ? "./resolve-hook.ts" : "./resolve-hook.js";
  register(new URL(hookFile, import.meta.url));
  installCjsFallback();
}

/**
 * Import each module (relative to `cwd`) and collect its tools. Never throws: every failure is a
 * LoadError with a one-line message. `onModule` tells the caller which module is being imported,
 * so a module that kills the process while loading can be named.
 */
export async function loadToolModules(modules: readonly string[], cwd: string, onModule?: (module: string | undefined) => void): Promise<LoadedModules> {
  const tools: LoadedTool[] = [];
  const errors: LoadError[] = [];
  const firstModuleOf = new Map<string, string>();
  for (const module of modules) {
    onModule?.(module);
    const loaded = await loadOne(module, cwd);
    onModule?.(undefined);
    errors.push(...loaded.errors);
    for (const loadedTool of loaded.tools) {
      const earlier = firstModuleOf.get(loadedTool.spec.name);
      if (earlier !== undefined) {
        errors.push({ module, kind: "invalid_tool", message: `duplicate tool name "${loadedTool.spec.name}": already defined in ${earlier}, this one is ignored` });
        continue;
      }
      firstModuleOf.set(loadedTool.spec.name, module);
      tools.push(loadedTool);
    }
  }
  return { tools, errors };
}

async function loadOne(module: string, cwd: string): Promise<LoadedModules> {
  const file = path.resolve(cwd, module);
  if (!existsSync(file)) return failed(module, "not_found", `module not found: ${relativize(file, cwd)}`);
  let namespace: Record<string, unknown>;
  try {
    namespace = await importModule(file);
  } catch (error) {
    const { kind, message } = describeLoadFailure(error, file, cwd);
    return failed(module, kind, message);
  }
  try {
    return recognizeExports(namespace, module);
  } catch (error) {
    return failed(module, "invalid_tool", `could not read the module's exports: ${firstLine(errorText(error))}`);
  }
}

/**
 * import() for everything but explicit CommonJS files: on Node 20 with loader hooks, a .cjs/.cts
 * imported through the ESM loader cannot require() an ES module ("… is not in cache"), which is
 * exactly what require("tooldbg") does. Loaded with require(), tsx and require(esm) handle it.
 */
export async function importModule(file: string): Promise<Record<string, unknown>> {
  if (!/\.c[jt]s$/.test(file)) return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const exports: unknown = createRequire(file)(file);
  // The shape import() gives a CommonJS module: its exports as names, plus `default`.
  return { ...(typeof exports === "object" && exports !== null ? (exports as Record<string, unknown>) : {}), default: exports };
}

const failed = (module: string, kind: LoadError["kind"], message: string): LoadedModules => ({
  tools: [],
  errors: [{ module, kind, message: oneLine(message) }],
});

/** Classify an import failure and say where it happened, in one line. */
export function describeLoadFailure(error: unknown, file: string, cwd: string): { kind: LoadError["kind"]; message: string } {
  const rel = (text: string) => relativize(text, cwd);
  const code = (error as { code?: unknown } | null)?.code;
  const message = errorText(error);
  if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
    return { kind: "not_found", message: rel(firstLine(message)) };
  }
  // tsx/esbuild: "Transform failed with 1 error:\n/abs/file.ts:3:7: ERROR: Expected identifier…"
  const transform = /^(.+?):(\d+):(\d+): ERROR: (.*)$/m.exec(message);
  if (transform && /transform failed/i.test(message)) {
    const [, where = "", line, column = "0", text = ""] = transform;
    // esbuild counts columns from 0; editors and Node count from 1.
    return { kind: "syntax", message: `syntax error at ${rel(where)}:${line}:${Number(column) + 1}: ${text}` };
  }
  const where = userFrame(error, file);
  // A SyntaxError raised by running code (JSON.parse at top level) has a user frame; a parse error has none.
  if (where === undefined && (error as { name?: unknown } | null)?.name === "SyntaxError") {
    const at = syntaxErrorLocation(file);
    return { kind: "syntax", message: `syntax error${at ? ` at ${rel(at)}` : ""}: ${firstLine(message)}` };
  }
  return { kind: "threw", message: `threw ${errorName(error)}: ${firstLine(message)}${where ? ` (at ${rel(where)})` : ""}` };
}

/**
 * Node's SyntaxError for a plain .js module carries no location in message or stack; `node --check`
 * prints "file:line" and a caret. Only run on the failure path, and only for JavaScript files.
 */
function syntaxErrorLocation(file: string): string | undefined {
  if (!/\.[cm]?js$/.test(file)) return undefined;
  const check = spawnSync(process.execPath, ["--check", file], { encoding: "utf8", timeout: 5_000 });
  const lines = (check.stderr ?? "").split("\n");
  const head = /^(.*):(\d+)$/.exec(lines[0] ?? "");
  if (!head) return undefined;
  const caret = (lines[2] ?? "").indexOf("^");
  return `${head[1]}:${head[2]}${caret >= 0 ? `:${caret + 1}` : ""}`;
}

/** Where the failure happened in the user's code: a frame in the module itself, else the first outside Node, node_modules and tooldbg. */
function userFrame(error: unknown, file: string): string | undefined {
  const stack = String((error as { stack?: unknown } | null)?.stack ?? "");
  const locations = [...stack.matchAll(/(?:\(|at )((?:file:\/\/)?\/[^\s()]+:\d+:\d+)\)?$/gm)].map((match) => (match[1] ?? "").replace(/^file:\/\//, ""));
  const ownRoots = [path.join(PACKAGE_ROOT, "src") + path.sep, path.join(PACKAGE_ROOT, "dist") + path.sep];
  return (
    locations.find((location) => location.startsWith(`${file}:`)) ??
    locations.find((location) => !location.includes("/node_modules/") && !ownRoots.some((root) => location.startsWith(root)))
  );
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    return "unprintable error";
  }
}

function errorName(error: unknown): string {
  if (error instanceof Error) return error.name;
  return error === null ? "null" : typeof error;
}

const firstLine = (text: string): string => text.split("\n").find((line) => line.trim() !== "")?.trim() ?? "";

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, " ").trim();

/** Absolute paths under cwd read better relative, in a one-line message. */
function relativize(text: string, cwd: string): string {
  const prefix = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  return text.replaceAll(`file://${prefix}`, "").replaceAll(prefix, "");
}
