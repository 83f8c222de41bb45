import { errorMessage } from "./describe-value.js";
import { ValidationFailure } from "./loaded-tool.js";

export interface ValidationIssue {
  path: string;
  message: string;
}

/** ["items", 0, "sku"] → "items.0.sku", the path style findings use. */
export function dottedPath(segments: readonly unknown[]): string {
  return segments.map((segment) => (typeof segment === "symbol" ? segment.description ?? "" : String(segment))).join(".");
}

function zodLikeIssues(value: unknown): ValidationIssue[] | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const issues = (value as { issues?: unknown }).issues;
  if (!Array.isArray(issues)) return undefined;
  return issues.map((issue: unknown) => {
    const { path, message } = (issue ?? {}) as { path?: unknown; message?: unknown };
    return { path: Array.isArray(path) ? dottedPath(path) : "", message: typeof message === "string" ? message : "invalid value" };
  });
}

/**
 * Issues out of whatever a parser threw or returned: a ZodError (any copy, zod 3 too), an AI SDK
 * TypeValidationError wrapping one in `cause`, a SyntaxError from JSON.parse, or anything else.
 */
export function issuesFromError(error: unknown): ValidationIssue[] {
  try {
    const direct = zodLikeIssues(error);
    if (direct) return direct;
    const cause = zodLikeIssues((error as { cause?: unknown } | null)?.cause);
    if (cause) return cause;
  } catch {
    // A hostile error object: fall through to its message.
  }
  const message = errorMessage(error);
  return [{ path: "", message: error instanceof SyntaxError ? `arguments are not valid JSON: ${message}` : message }];
}

/** Validated mode rejects: the executor reports this as a validation-phase error, not a tool error. */
export function rejectArguments(issues: readonly ValidationIssue[]): never {
  const shown = issues.slice(0, 3).map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : "";
  throw new ValidationFailure(`the tool's schema rejected the arguments: ${shown.join("; ")}${more}`, issues);
}
