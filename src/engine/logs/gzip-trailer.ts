/** A gzip member ends with its CRC32 and ISIZE, 4 bytes each (RFC 1952). */
export const GZIP_TRAILER_BYTES = 8;

/**
 * Holds back the last GZIP_TRAILER_BYTES of compressed input on its way to gunzip. zlib checks a
 * member's trailer in the same inflate call that writes the last output, and when the check fails
 * Node drops that call's output (up to a whole chunk of lines) with the error; written on their own
 * once the input ends (`held`), the trailer's bytes are checked after all the text came out.
 */
export class TrailerHold {
  private last = Buffer.alloc(0);

  /** What of the input so far may be written now, in order: all but the last GZIP_TRAILER_BYTES. */
  pass(bytes: Buffer): Buffer[] {
    const held = this.last;
    if (held.length + bytes.length <= GZIP_TRAILER_BYTES) {
      this.last = Buffer.concat([held, bytes]);
      return [];
    }
    const cut = bytes.length - GZIP_TRAILER_BYTES;
    // Copied: what is held outlives the buffer it came from, which is read into again.
    const before = cut >= 0 ? held : held.subarray(0, held.length + cut);
    this.last = cut >= 0 ? Buffer.from(bytes.subarray(cut)) : Buffer.concat([held.subarray(held.length + cut), bytes]);
    const out: Buffer[] = [];
    if (before.length > 0) out.push(before);
    if (cut > 0) out.push(bytes.subarray(0, cut));
    return out;
  }

  /** The bytes held back, to write once the input ends. */
  get held(): Buffer {
    return this.last;
  }
}
