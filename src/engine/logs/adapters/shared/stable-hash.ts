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

/** FNV-1a's 32-bit offset basis: where a `fnv1a` hash starts. */
export const FNV_OFFSET = 0x811c9dc5;

/** `h` with the UTF-16 units of `text[start, end)` folded in, FNV-1a style (32 bits). */
export function fnv1a(h: number, text: string, start = 0, end = text.length): number {
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/** An FNV-1a hash finished with murmur3's mixer, cut to 30 bits (a HashedIdWindow value). */
export function finish30(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 2;
}
