import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * Tool modules import "tooldbg" and "zod" by name. A user who points tooldbg at a loose file
 * (or a project without node_modules) would get ERR_MODULE_NOT_FOUND, so when — and only when —
 * their own resolution fails, these two names resolve to tooldbg's own copies.
 */
const FALLBACK_PACKAGES = new Set(["tooldbg", "zod"]);

/** tooldbg's package root: this file lives in src/tools/ or dist/tools/. */
export const PACKAGE_ROOT_URL = new URL("../../", import.meta.url);
export const PACKAGE_ROOT = fileURLToPath(PACKAGE_ROOT_URL);

export interface FallbackTarget {
  packageName: string;
  /** "" for the package itself, "testing" for "tooldbg/testing". */
  subpath: string;
}

/** Which fallback package a bare specifier names, if any ("zod/v4" → zod, subpath "v4"). */
export function fallbackTarget(specifier: string): FallbackTarget | undefined {
  const slash = specifier.indexOf("/");
  const packageName = slash === -1 ? specifier : specifier.slice(0, slash);
  if (!FALLBACK_PACKAGES.has(packageName)) return undefined;
  return { packageName, subpath: slash === -1 ? "" : specifier.slice(slash + 1) };
}

/** tooldbg's own entry file for a subpath: dist/ when built, else the TypeScript source (tsx loads it). */
export function tooldbgEntryFile(subpath: string): string | undefined {
  const name = subpath === "" ? "index" : subpath;
  if (!/^[a-z][a-z0-9-]*$/.test(name)) return undefined;
  for (const candidate of [`dist/${name}.js`, `src/${name}.ts`]) {
    const file = fileURLToPath(new URL(candidate, PACKAGE_ROOT_URL));
    if (existsSync(file)) return file;
  }
  return undefined;
}

export function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
}
