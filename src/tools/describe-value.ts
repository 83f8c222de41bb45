/**
 * Words for values that came from user code. Every read is guarded: a module can export a Proxy or an
 * object whose getters or toString throw, and describing it must not throw in turn.
 */

/** The error's message, or a stand-in when even that cannot be read. */
export function errorMessage(error: unknown): string {
  try {
    if (error instanceof Error) return error.message;
    return String(error);
  } catch {
    return "an error that cannot be displayed";
  }
}

/** A short kind for listings: "function", "array of 3", "object", "string". */
export function kindOf(value: unknown): string {
  try {
    if (value === null) return "null";
    if (Array.isArray(value)) return `array of ${value.length}`;
    return typeof value;
  } catch {
    return "unreadable value";
  }
}

export const isNonEmptyString = (value: unknown): value is string => typeof value === "string" && value.length > 0;
