/** A JSON Schema document as tooldbg handles it: untrusted data, read defensively. */
export type JsonSchema = { [key: string]: unknown };

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
