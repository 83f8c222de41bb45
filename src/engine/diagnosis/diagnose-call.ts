import { isRecord, type JsonSchema } from "../../tools/json-schema.js";
import type { ToolSpec } from "../../tools/tool-spec.js";
import { closestName } from "./closest-name.js";
import { hasErrors, type Finding } from "./finding.js";
import { notExecutable, unknownTool } from "./findings.js";
import { orderFindings } from "./finding-order.js";
import { objectFacets } from "./object-facets.js";
import { parseArguments } from "./parse-arguments.js";
import { diffSchemas } from "./schema-drift.js";
import { applicableParts } from "./schema-ref.js";
import { findUnexpectedArguments } from "./unexpected-keys.js";
import { validateArguments } from "./validate-arguments.js";

/** A tool as the model was shown it (a logged request's `tools`), with nothing to execute it. */
export interface AdvertisedTool {
  name: string;
  description?: string;
  parameters: JsonSchema;
}

/** A tool call exactly as the model produced it: the arguments are the raw string. */
export interface RawToolCall {
  name: string;
  arguments: string;
}

export interface DiagnosisContext {
  /** Tools tooldbg can diagnose against (and, if executable, run). */
  tools: readonly ToolSpec[];
  /** What the model was shown, when known (a log's request `tools`). */
  advertised?: readonly AdvertisedTool[];
}

export interface CallDiagnosis {
  /** Every finding, in diagnosis order: parse, tool, unexpected, missing, type, value, drift. */
  findings: Finding[];
  /** No error-severity finding. */
  ok: boolean;
  /** The signature the arguments were checked against: the registered tool, else the advertised one. */
  target?: ToolSpec | AdvertisedTool;
  /** The arguments object, when it could be read (also after a BOM, a double encoding, or an empty string as {}). */
  parsed?: Record<string, unknown>;
  /** Set when the target schema does not compile: argument findings then come from a simpler structural check. */
  schemaError?: string;
}

const EMPTY_SCHEMA: JsonSchema = Object.freeze({});

/**
 * Diagnoses one tool call against the tools tooldbg knows and, when a log holds them, the
 * schemas the model was shown. Every finding is reported, not the first. Never throws.
 */
export function diagnoseCall(call: RawToolCall, ctx: DiagnosisContext): CallDiagnosis {
  const findings: Finding[] = [];
  const result: CallDiagnosis = { findings, ok: true };
  try {
    diagnose(call, ctx, result);
  } catch (error) {
    // Every step guards itself; this is the last line so a bug never takes the debugger down.
    result.schemaError = `diagnosis stopped early: ${error instanceof Error ? error.message : String(error)}`;
  }
  orderFindings(findings);
  result.ok = !hasErrors(findings);
  return result;
}

function diagnose(call: RawToolCall, ctx: DiagnosisContext, result: CallDiagnosis): void {
  const findings = result.findings;
  const name = typeof call?.name === "string" ? call.name : String(call?.name ?? "");
  const spec = findByName(ctx?.tools, name);
  const advertised = findByName(ctx?.advertised, name);
  const target = spec ?? advertised;
  const schema = target && isRecord(target.parameters) ? target.parameters : EMPTY_SCHEMA;

  const parsed = parseArguments(call?.arguments, { hasRequired: target !== undefined && hasRequired(schema) });
  const value = parsed.ok ? parsed.value : parsed.recovered;
  if (!parsed.ok) findings.push(...parsed.findings);
  if (value) result.parsed = value;

  if (!target) {
    const known = knownNames(ctx);
    findings.push(unknownTool(name, closestName(name, known), known));
    return;
  }
  result.target = target;
  if (spec && !spec.executable) findings.push(notExecutable(name, "schema_only"));
  if (!spec) findings.push(notExecutable(name, "not_registered"));

  if (value) {
    findings.push(...unexpectedArguments(value, schema));
    const validation = validateArguments(value, schema);
    findings.push(...validation.findings);
    if (validation.schemaError !== undefined) result.schemaError = validation.schemaError;
  }
  if (spec && advertised && isRecord(advertised.parameters) && advertised.parameters !== spec.parameters) {
    findings.push(...diffSchemas(advertised.parameters, schema));
  }
}

function unexpectedArguments(value: Record<string, unknown>, schema: JsonSchema): Finding[] {
  try {
    return findUnexpectedArguments(value, schema);
  } catch {
    // A hostile schema (a throwing getter) costs the unexpected-key check, not the rest of the diagnosis.
    return [];
  }
}

function findByName<T extends { name: string }>(list: readonly T[] | undefined, name: string): T | undefined {
  if (!Array.isArray(list)) return undefined;
  for (const item of list) if (item?.name === name) return item;
  return undefined;
}

function hasRequired(schema: JsonSchema): boolean {
  try {
    return objectFacets(applicableParts(schema, schema)).required.length > 0;
  } catch {
    return true;
  }
}

function knownNames(ctx: DiagnosisContext): string[] {
  const names: string[] = [];
  for (const list of [ctx?.tools, ctx?.advertised]) {
    if (!Array.isArray(list)) continue;
    for (const tool of list as readonly { name?: unknown }[]) if (typeof tool?.name === "string" && !names.includes(tool.name)) names.push(tool.name);
  }
  return names;
}
