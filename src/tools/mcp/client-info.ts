import { readFileSync } from "node:fs";

let cached: { name: string; version: string } | undefined;

/** How tooldbg introduces itself in `initialize`: its own name and version. */
export function clientInfo(): { name: string; version: string } {
  if (cached) return cached;
  let version = "0.0.0";
  try {
    // Same depth from src/tools/mcp and dist/tools/mcp.
    const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version?: unknown };
    if (typeof pkg.version === "string") version = pkg.version;
  } catch {
    // A version is nice to send, not needed.
  }
  cached = { name: "tooldbg", version };
  return cached;
}
