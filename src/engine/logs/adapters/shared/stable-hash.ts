/**
 * A stable, dependency-free 64-bit hash (two FNV-1a lanes with different offsets), for synthetic
 * call ids that must come out the same every time the same call is read. Not cryptographic: it
 * only has to tell calls in one log apart.
 */
export function stableHash(parts: readonly (string | number)[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (const part of parts) {
    const text = typeof part === "number" ? String(part) : part;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      a = Math.imul(a ^ code, 0x01000193);
      b = Math.imul(b ^ code, 0x01000193) ^ (b >>> 13);
    }
    // A separator no text contains keeps ["ab","c"] and ["a","bc"] apart.
    a = Math.imul(a ^ 0x1f, 0x01000193);
    b = Math.imul(b ^ 0x1f, 0x01000193) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

export const syntheticCallId = (parts: readonly (string | number)[]): string => `synthetic_${stableHash(parts)}`;
