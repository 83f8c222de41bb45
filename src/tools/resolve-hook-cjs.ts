import Module from "node:module";
import { PACKAGE_ROOT, fallbackTarget, isModuleNotFound, tooldbgEntryFile } from "./resolve-hook-fallback.js";

type ResolveFilename = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;

let installed = false;

/**
 * The same fallback for require(): a .ts file outside any "type": "module" package is compiled
 * to CommonJS by tsx, so its `import { z } from "zod"` arrives here, not at the ESM hook.
 */
export function installCjsFallback(): void {
  if (installed) return;
  installed = true;
  // Module._resolveFilename is internal but stable, and the only hook CommonJS offers on Node 20.
  const cjs = Module as unknown as { _resolveFilename: ResolveFilename };
  const original = cjs._resolveFilename;
  cjs._resolveFilename = function (this: unknown, request, parent, isMain, options) {
    try {
      return original.call(this, request, parent, isMain, options);
    } catch (error) {
      const target = isModuleNotFound(error) ? fallbackTarget(request) : undefined;
      if (target === undefined) throw error;
      if (target.packageName === "tooldbg") {
        const entry = tooldbgEntryFile(target.subpath);
        if (entry === undefined) throw error;
        return entry;
      }
      return original.call(this, request, parent, isMain, { paths: [PACKAGE_ROOT] });
    }
  };
}
