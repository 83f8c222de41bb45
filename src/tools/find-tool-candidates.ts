import { isTooldbgAgent } from "./define.js";
import { errorMessage } from "./describe-value.js";
import { isRecord } from "./json-schema.js";
import { TOOL_READERS } from "./shapes/readers.js";
import type { FoundAt, ReadableTool } from "./shapes/tool-reader.js";
import type { ToolShape } from "./tool-spec.js";

export interface ToolCandidate {
  object: object;
  at: FoundAt;
  shape: ToolShape;
  tool: ReadableTool;
}

export interface CandidateSearch {
  candidates: ToolCandidate[];
  /** Things that look like tools but cannot be used, or could not be inspected at all. */
  problems: { path: string; message: string }[];
}

// Tools sit at most a few levels down (export → agent → tools → entry); a module exporting a large
// data structure must not make loading crawl through all of it.
const MAX_DEPTH = 4;
const MAX_ENTRIES = 1000;

const isPlainObject = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** Schemas and typed config objects are plain objects too, but never a record of tools. */
const looksLikeSchemaOrConfig = (value: object): boolean =>
  typeof (value as { type?: unknown }).type === "string" ||
  ["_zod", "_def", "~standard", "properties", "$schema", "jsonSchema"].some((key) => key in value);

/** An agent (tooldbg's, the Agents SDK's, or a request-like object): only its `tools` hold tools. */
export function listedTools(value: object): unknown {
  if (!isTooldbgAgent(value) && !("tools" in value)) return undefined;
  const tools = (value as { tools?: unknown }).tools;
  if (Array.isArray(tools)) return tools;
  // A record of tools may hold a tool that is itself named "tools"; that one is an entry, not a list.
  return isRecord(tools) && !TOOL_READERS.some((reader) => reader.detect(tools)) ? tools : undefined;
}

interface Child {
  at: FoundAt;
  read: () => unknown;
}

function childrenOf(value: object, at: FoundAt): Child[] {
  if (Array.isArray(value)) {
    const count = Math.min(value.length, MAX_ENTRIES);
    return Array.from({ length: count }, (_, index) => ({
      at: { path: `${at.path}[${index}]`, key: undefined, inRecord: false },
      read: () => (value as unknown[])[index],
    }));
  }
  const tools = listedTools(value);
  if (tools !== undefined) return [{ at: { path: `${at.path}.tools`, key: "tools", inRecord: false }, read: () => tools }];
  if (!isPlainObject(value) || looksLikeSchemaOrConfig(value)) return [];
  return Object.keys(value)
    .slice(0, MAX_ENTRIES)
    .map((key) => ({
      at: { path: `${at.path}.${key}`, key, inRecord: true },
      read: () => (value as Record<string, unknown>)[key],
    }));
}

/**
 * Walks a module's exports for anything a tool reader recognises. Every read of user objects is
 * guarded: a throwing getter, a hostile Proxy or an uninitialised export becomes a problem entry.
 */
export function findToolCandidates(exports: readonly { name: string; read: () => unknown }[]): CandidateSearch {
  const candidates: ToolCandidate[] = [];
  const problems: CandidateSearch["problems"] = [];
  const visitedContainers = new WeakSet<object>();
  const readTools = new WeakSet<object>();

  const visit = (read: () => unknown, at: FoundAt, depth: number): void => {
    try {
      const value = read();
      if (typeof value !== "object" || value === null) return;
      const reader = TOOL_READERS.find((candidate) => candidate.detect(value));
      if (reader) {
        // The same object exported twice is one tool; AI SDK tools are re-read because their name is where they sit.
        if (reader.shape !== "ai-sdk" && readTools.has(value)) return;
        readTools.add(value);
        const result = reader.read(value, at);
        if (result.ok) candidates.push({ object: value, at, shape: reader.shape, tool: result.tool });
        else problems.push({ path: at.path, message: result.message });
        return;
      }
      if (visitedContainers.has(value) || depth >= MAX_DEPTH) return;
      visitedContainers.add(value);
      for (const child of childrenOf(value, at)) visit(child.read, child.at, depth + 1);
    } catch (error) {
      problems.push({ path: at.path, message: `could not be inspected: ${errorMessage(error)}` });
    }
  };

  for (const entry of exports) visit(entry.read, { path: entry.name, key: entry.name, inRecord: false }, 0);
  return { candidates, problems };
}
