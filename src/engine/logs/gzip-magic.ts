/** The first bytes of a gzip stream (RFC 1952); no text log starts with them. */
export const isGzip = (head: Uint8Array): boolean => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
