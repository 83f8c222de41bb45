import type { Finding } from "../diagnosis/finding.js";
import { isRecord } from "../../tools/json-schema.js";

export interface AppliedFix {
  /** The new arguments string (compact JSON). */
  arguments: string;
  /** One line per change made, for people. */
  changes: string[];
}

/**
 * Apply every mechanical suggestion in `findings` to `argumentsText`: a repaired or decoded
 * arguments string first, then renames and coercions at their paths. Returns undefined when
 * no finding carried something applicable. Never throws.
 */
export function applyFixes(argumentsText: string, findings: readonly Finding[]): AppliedFix | undefined {
  const changes: string[] = [];
  let text = argumentsText;
  const whole = findings.find((f) => f.suggestion?.arguments !== undefined);
  if (whole?.suggestion?.arguments !== undefined) {
    text = whole.suggestion.arguments;
    changes.push(`replaced the arguments with ${whole.code === "malformed_arguments" ? "the repaired JSON" : "the decoded object"}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return changes.length > 0 ? { arguments: text, changes } : undefined;
  }
  if (!isRecord(value)) return changes.length > 0 ? { arguments: text, changes } : undefined;
  for (const f of findings) {
    const sg = f.suggestion;
    if (!sg || f.path === undefined) continue;
    const segments = f.path === "" ? [] : f.path.split(".");
    if (sg.rename !== undefined && f.code === "unexpected_argument" && renameAt(value, segments, sg.rename)) {
      changes.push(`renamed ${f.path} → ${[...segments.slice(0, -1), sg.rename].join(".")}`);
    } else if (Object.hasOwn(sg, "coerce") && setAt(value, segments, sg.coerce)) {
      changes.push(`coerced ${f.path} to ${JSON.stringify(sg.coerce)}`);
    }
  }
  if (changes.length === 0) return undefined;
  return { arguments: JSON.stringify(value), changes };
}

function parentOf(root: Record<string, unknown>, segments: readonly string[]): Record<string, unknown> | unknown[] | undefined {
  let node: unknown = root;
  for (const segment of segments.slice(0, -1)) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isRecord(node)) node = node[segment];
    else return undefined;
  }
  return Array.isArray(node) || isRecord(node) ? node : undefined;
}

function renameAt(root: Record<string, unknown>, segments: readonly string[], to: string): boolean {
  const parent = parentOf(root, segments);
  const from = segments[segments.length - 1];
  if (!isRecord(parent) || from === undefined || !Object.hasOwn(parent, from) || Object.hasOwn(parent, to)) return false;
  // Rebuild to keep the key's position, so the fixed arguments read like the original.
  const entries = Object.entries(parent).map(([k, v]): [string, unknown] => (k === from ? [to, v] : [k, v]));
  for (const key of Object.keys(parent)) delete parent[key];
  for (const [k, v] of entries) parent[k] = v;
  return true;
}

function setAt(root: Record<string, unknown>, segments: readonly string[], next: unknown): boolean {
  const parent = parentOf(root, segments);
  const key = segments[segments.length - 1];
  if (parent === undefined || key === undefined) return false;
  if (Array.isArray(parent)) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= parent.length) return false;
    parent[index] = next;
    return true;
  }
  if (!Object.hasOwn(parent, key)) return false;
  parent[key] = next;
  return true;
}
