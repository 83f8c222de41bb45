import { errorMessage, kindOf } from "./describe-value.js";
import type { ToolCandidate } from "./find-tool-candidates.js";
import { findToolCandidates, listedTools } from "./find-tool-candidates.js";
import type { LoadedTool, RecognizeResult } from "./loaded-tool.js";
import type { LoadError } from "./tool-spec.js";

interface ExportEntry {
  name: string;
  read: () => unknown;
}

/**
 * A default export that lists tools (an agent, an array) goes first: those are what the model is
 * shown, so they win a name clash. Any other default goes last: for a CommonJS module it is the
 * whole exports object, and its tools read better under their own export names.
 */
function defaultGoesFirst(value: unknown): boolean {
  return Array.isArray(value) || (typeof value === "object" && value !== null && listedTools(value) !== undefined);
}

function exportEntries(namespace: Record<string, unknown>): ExportEntry[] {
  const names = Object.keys(namespace);
  const others = names.filter((name) => name !== "default");
  let ordered = names;
  if (others.length < names.length) {
    let first = false;
    try {
      first = defaultGoesFirst(namespace.default);
    } catch {
      // Unreadable default: findToolCandidates reports it wherever it sits.
    }
    ordered = first ? ["default", ...others] : [...others, "default"];
  }
  // Reading lazily: an export still in its temporal dead zone (a circular import) throws on access.
  return ordered.map((name) => ({ name, read: () => namespace[name] }));
}

function describeExports(entries: readonly ExportEntry[]): string {
  if (entries.length === 0) return "It has no exports.";
  const listed = entries.map((entry) => {
    try {
      return `${entry.name} (${kindOf(entry.read())})`;
    } catch {
      return `${entry.name} (unreadable)`;
    }
  });
  return `It exports: ${listed.join(", ")}.`;
}

function toLoadedTool(candidate: ToolCandidate, modulePath: string): LoadedTool {
  const { tool, shape, at } = candidate;
  return {
    spec: {
      name: tool.name,
      ...(tool.description !== undefined ? { description: tool.description } : {}),
      parameters: tool.parameters,
      executable: tool.executable,
      sideEffects: tool.sideEffects,
      shape,
      source: { module: modulePath, exportName: at.path },
    },
    invoke: tool.invoke,
  };
}

/** One tool per name: the same object found twice is kept once; a different tool under a taken name is reported. */
function settleNames(candidates: readonly ToolCandidate[], modulePath: string, errors: LoadError[]): LoadedTool[] {
  // An AI SDK tool exported on its own and also listed in a tools record is named by its record key.
  const keyed = new Set(candidates.filter((c) => c.tool.nameFrom === "record-key").map((c) => c.object));
  const byName = new Map<string, ToolCandidate>();
  const tools: LoadedTool[] = [];
  for (const candidate of candidates) {
    if (candidate.tool.nameFrom === "export-name" && keyed.has(candidate.object)) continue;
    const first = byName.get(candidate.tool.name);
    if (first) {
      if (first.object !== candidate.object) {
        errors.push({
          module: modulePath,
          kind: "invalid_tool",
          message: `two different tools are named "${candidate.tool.name}": ${first.at.path} and ${candidate.at.path}; using ${first.at.path}`,
        });
      }
      continue;
    }
    byName.set(candidate.tool.name, candidate);
    tools.push(toLoadedTool(candidate, modulePath));
  }
  return tools;
}

/**
 * Finds every tool in a module's exports (named exports, default object or array, agents' tools,
 * tools records) in each shape SPEC §2 lists. Runs in the worker; never throws: whatever cannot be
 * used becomes a LoadError.
 */
export function recognizeExports(namespace: Record<string, unknown>, modulePath: string): RecognizeResult {
  const errors: LoadError[] = [];
  let tools: LoadedTool[] = [];
  let entries: ExportEntry[] = [];
  try {
    entries = exportEntries(namespace);
    const search = findToolCandidates(entries);
    for (const problem of search.problems) {
      errors.push({ module: modulePath, kind: "invalid_tool", message: `${problem.path}: ${problem.message}` });
    }
    tools = settleNames(search.candidates, modulePath, errors);
  } catch (error) {
    errors.push({ module: modulePath, kind: "invalid_tool", message: `the module's exports could not be read: ${errorMessage(error)}` });
  }
  if (tools.length === 0) {
    errors.push({
      module: modulePath,
      kind: "no_tools",
      message:
        `no tools found in ${modulePath}. ${describeExports(entries)} tooldbg looks for tool() objects, ` +
        "OpenAI function tools, zodFunction() tools, AI SDK tool records, Agents SDK tools and agents' tools lists.",
    });
  }
  return { tools, errors };
}
