// Runs on Node's module-hooks thread (registered by load-module.ts), after tsx's own hooks.
import type { ResolveHook } from "node:module";
import { pathToFileURL } from "node:url";
import { PACKAGE_ROOT_URL, fallbackTarget, isModuleNotFound, tooldbgEntryFile } from "./resolve-hook-fallback.js";

/** ESM imports of "tooldbg"/"zod" the user's project cannot satisfy resolve to tooldbg's copies. */
export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const target = isModuleNotFound(error) ? fallbackTarget(specifier) : undefined;
    if (target === undefined) throw error;
    if (target.packageName === "tooldbg") {
      const entry = tooldbgEntryFile(target.subpath);
      if (entry === undefined) throw error;
      // Through nextResolve so tsx still decides how a .ts entry is loaded.
      return nextResolve(pathToFileURL(entry).href, context);
    }
    // Resolve as if imported from tooldbg's own package: finds the zod tooldbg depends on.
    return nextResolve(specifier, { ...context, parentURL: new URL("package.json", PACKAGE_ROOT_URL).href });
  }
};
