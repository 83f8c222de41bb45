import { parseArgs } from "node:util";
import { sizedLogPaths, type LogListing } from "../log-paths.js";

/** scan's flags (its help text is in help.ts). */
export const SCAN_FLAGS = {
  tools: { type: "string", multiple: true },
  mcp: { type: "string", multiple: true },
  format: { type: "string" },
  json: { type: "boolean" },
  jsonl: { type: "boolean" },
  execute: { type: "boolean" },
  "allow-side-effects": { type: "boolean" },
  timeout: { type: "string" },
} as const;

/**
 * The log paths among scan's arguments, read leniently before the arguments are checked (the
 * check, and its usage errors, come later): the CLI's entry sizes the logs before it starts the
 * scanning thread (a directory named stands for its files). The listing comes back with the
 * sizes, for the scan to read rather than list the directory again.
 */
export function scanLogPaths(argv: string[]): { files: string[]; listing?: LogListing } {
  try {
    return sizedLogPaths(parseArgs({ args: argv, options: SCAN_FLAGS, allowPositionals: true, strict: false }).positionals);
  } catch {
    return { files: [] };
  }
}
