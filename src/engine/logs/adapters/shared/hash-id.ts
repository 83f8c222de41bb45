import { createHash } from "node:crypto";

/** A stable synthetic call id for formats (or records) that carry none: `synthetic_<hash>`. */
export function syntheticCallId(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\u0000");
  return `synthetic_${hash.digest("hex").slice(0, 16)}`;
}
