import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { constants, gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readLines } from "../../../src/engine/logs/read-lines.js";

const dir = mkdtempSync(join(tmpdir(), "tooldbg-lines-"));
let n = 0;
const fileWith = (text: string | Buffer): string => {
  const path = join(dir, `f${n++}.txt`);
  writeFileSync(path, text);
  return path;
};

async function linesOf(path: string, opts: { highWaterMark?: number; maxLineBytes?: number } = {}) {
  const lines: [number, string][] = [];
  const oversized: [number, number][] = [];
  const unreadable: [number, string][] = [];
  const sink = { line: (text: string, no: number) => lines.push([no, text]), oversized: (no: number, bytes: number) => oversized.push([no, bytes]), unreadable: (no: number, message: string) => unreadable.push([no, message]) };
  const count = await readLines(path, sink, opts);
  return { lines, oversized, unreadable, count };
}

let seed = 7;
const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff);
/** Lines of random pieces: multi-byte characters, CRLF, JSON, empty lines. */
function randomText(count: number): string {
  const pieces = ["a", "é", "€", "😀", "{\"k\":1}", "\r", " ", "x".repeat(50)];
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(rand() * 12) }, () => pieces[Math.floor(rand() * pieces.length)]).join("")).join("\n");
}
const expectedLines = (text: string) => text.split("\n").map((line, i): [number, string] => [i + 1, line.endsWith("\r") ? line.slice(0, -1) : line]);

describe("readLines", () => {
  it("gives lines longer than a MB whole, decoded piece by piece: characters cut by a chunk's end, CRLF, the last line unended, gzip too", async () => {
    const long = (k: number) => `${k}:` + "é😀x€".repeat(300_000); // 3 MB of UTF-8, 4 byte sizes
    const text = `${long(1)}\r\nshort\n${long(2)}\n\n${long(3)}`;
    const expected = expectedLines(text);
    for (const highWaterMark of [4099, 65_536, 1 << 20]) {
      const read = await linesOf(fileWith(text), { highWaterMark });
      expect(read.lines.map(([no, line]) => [no, line.length])).toEqual(expected.map(([no, line]) => [no, line.length]));
      expect(read.lines).toEqual(expected);
    }
    expect((await linesOf(fileWith(gzipSync(text)))).lines).toEqual(expected);
    // Past the limit a long line is still skipped, and the lines after it read.
    const skipped = await linesOf(fileWith(text), { maxLineBytes: 2 * 1024 * 1024 });
    expect(skipped.oversized.map(([no]) => no)).toEqual([1, 3, 5]);
    expect(skipped.lines).toEqual([[2, "short"], [4, ""]]);
  });

  it("gives the lines split('\\n') gives, whatever the chunk size: multi-byte characters cut by a chunk, CRLF, empty lines, no final newline", async () => {
    const text = randomText(300);
    const path = fileWith(text);
    const expected = expectedLines(text);
    for (const highWaterMark of [1, 2, 3, 7, 64, 1000, 1 << 20]) {
      const read = await linesOf(path, { highWaterMark });
      expect(read.lines, `chunks of ${highWaterMark}`).toEqual(expected);
      expect(read.count).toBe(expected.length);
    }
  });

  it("gives long lines whole after shorter and longer ones, across many chunks (the carried bytes reuse one buffer)", async () => {
    const lengths = [100_000, 10, 5_000_000, 300_000, 0, 70_000, 5_000_001, 3];
    const text = lengths.map((length, i) => String.fromCharCode(97 + i).repeat(length) + (i % 2 === 0 ? "é" : "\r")).join("\n");
    const expected = expectedLines(text);
    const path = fileWith(text);
    for (const highWaterMark of [65_536, 1 << 20]) expect((await linesOf(path, { highWaterMark })).lines).toEqual(expected);
  });

  it("reports a line longer than the limit with its size, drops its bytes, and reads on", async () => {
    const path = fileWith(`short\n${"y".repeat(5000)}\nafter\n`);
    // The limit (16 MB in use) is far above a chunk (1 MB at most), as here: a line within one chunk is always short enough.
    for (const highWaterMark of [16, 100, 1000]) {
      const read = await linesOf(path, { highWaterMark, maxLineBytes: 1000 });
      expect(read.lines).toEqual([
        [1, "short"],
        [3, "after"],
      ]);
      expect(read.oversized).toEqual([[2, 5000]]);
    }
  });

  it("reads a gzip file as its decompressed lines, whatever the chunk size, concatenated members too", async () => {
    const text = randomText(400);
    const path = fileWith(gzipSync(text));
    const plain = await linesOf(fileWith(text));
    for (const highWaterMark of [1, 7, 1000, 1 << 20]) {
      const read = await linesOf(path, { highWaterMark });
      expect(read.lines, `chunks of ${highWaterMark}`).toEqual(plain.lines);
      expect(read.count).toBe(plain.count);
      expect(read.unreadable).toEqual([]);
    }
    // A rotated log appended to: one member after another reads as one text.
    const [a, b] = ["first\nsecond\n", "third\n"];
    expect((await linesOf(fileWith(Buffer.concat([gzipSync(a), gzipSync(b)])))).lines).toEqual([
      [1, "first"],
      [2, "second"],
      [3, "third"],
    ]);
    expect((await linesOf(fileWith(gzipSync("")))).lines).toEqual([]);
  });

  it("keeps every line before the point where a gzip file is cut short or corrupt, then says where reading stopped", async () => {
    const text = Array.from({ length: 3000 }, (_, i) => `{"n":${i},"pad":"${"p".repeat(i % 97)}"}`).join("\n");
    const whole = gzipSync(text);
    const expected = expectedLines(text);
    for (let round = 0; round < 25; round++) {
      const cut = 20 + Math.floor(rand() * (whole.length - 40));
      const bytes = Buffer.from(whole.subarray(0, cut));
      // Half the rounds also flip a byte before the cut.
      if (round % 2 === 1) {
        // Past the 10-byte header: still a gzip file.
        const at = 10 + Math.floor(rand() * (cut - 10));
        bytes.writeUInt8((bytes.readUInt8(at) ^ 0xff) & 0xff, at);
      }
      const read = await linesOf(fileWith(bytes), { highWaterMark: 4096 });
      // Every line but the last given is whole and in place; the last may be cut off mid-line
      // (a flipped byte may also garble lines before the fault is noticed).
      const intact = read.lines.slice(0, -1);
      if (round % 2 === 0) expect(intact).toEqual(expected.slice(0, intact.length));
      expect(read.unreadable.length, `cut at ${cut}`).toBe(1);
      expect(read.unreadable[0]?.[0]).toBe(read.count + 1);
      // A flipped byte may also leave the text whole and only fail the trailer's check.
      expect(read.unreadable[0]?.[1]).toMatch(/could not be decompressed .*: the lines before were read|does not match its text/);
    }
  });

  it("keeps every line of a gzip file whose trailer (CRC32 or length) is corrupt, then says the file is damaged", async () => {
    // Small (one decompressed chunk) and large (many): zlib fails the check in the call that
    // writes the last output, which was dropped with the error.
    for (const count of [3000, 100_000]) {
      const text = Array.from({ length: count }, (_, i) => `{"n":${i}}`).join("\n") + "\n";
      const whole = gzipSync(text);
      for (const [at, what] of [[whole.length - 6, /CRC32 checksum does not match/], [whole.length - 2, /length does not match/]] as const) {
        const bytes = Buffer.from(whole);
        bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
        for (const highWaterMark of [undefined, 4096]) {
          const read = await linesOf(fileWith(bytes), highWaterMark ? { highWaterMark } : {});
          expect(read.lines.length, `${count} lines, flip at ${at}`).toBe(count);
          expect(read.lines).toEqual(expectedLines(text).slice(0, count));
          expect(read.unreadable).toEqual([[count + 1, expect.stringMatching(what) as unknown as string]]);
        }
      }
    }
  });

  it("keeps everything zlib inflated from a gzip file cut in the middle, then says it ends early", async () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `{"n":${i}}`).join("\n") + "\n";
    const whole = gzipSync(text);
    for (const cut of [whole.length >> 1, whole.length - 9, whole.length - 4]) {
      const bytes = whole.subarray(0, cut);
      const inflated = gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }).toString("utf8");
      const read = await linesOf(fileWith(bytes));
      // A final newline ends the last line; it starts none.
      expect(read.lines).toEqual(expectedLines(inflated).slice(0, inflated.endsWith("\n") ? -1 : undefined));
      expect(read.unreadable).toEqual([[read.count + 1, expect.stringMatching(/the gzip stream ends early/) as unknown as string]]);
    }
  });

  it("passes on what the sink throws while a gzip file is read, as it does for a plain one", async () => {
    const path = fileWith(gzipSync("a\nb\n".repeat(50_000)));
    let seen = 0;
    const sink = {
      line: () => {
        if (++seen === 1000) throw new Error("sink broke");
      },
      oversized: () => undefined,
      unreadable: () => undefined,
    };
    await expect(readLines(path, sink)).rejects.toThrow("sink broke");
    // Back-pressure: a chunk's wait is honoured before more is decompressed, and the whole text still comes.
    let waits = 0;
    const read: string[] = [];
    await readLines(path, { line: (text) => read.push(text), oversized: () => undefined }, { afterChunk: () => (waits++ % 2 === 0 ? new Promise((r) => setTimeout(r, 1)) : undefined) });
    expect(read.length).toBe(100_000);
    expect(waits).toBeGreaterThan(0);
  });

  it("rejects on a cut gzip file when the sink takes no such report, with the reason", async () => {
    const whole = gzipSync("a\nb\n".repeat(1000));
    await expect(readLines(fileWith(whole.subarray(0, whole.length - 8)), { line: () => undefined, oversized: () => undefined })).rejects.toThrow(/could not be decompressed/);
  });

  it("reads a UTF-16 file with its byte-order mark (as PowerShell's > writes one) as its lines, whatever the chunk size", async () => {
    const text = randomText(200);
    const expected = expectedLines(text);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [bytes, name] of [[le, "LE"], [be, "BE"]] as const) {
      const path = fileWith(bytes);
      for (const highWaterMark of [1, 3, 64, 1 << 20]) {
        const read = await linesOf(path, { highWaterMark });
        expect(read.lines, `UTF-16${name}, chunks of ${highWaterMark}`).toEqual(expected);
      }
    }
  });

  it("reads an empty file as no lines, and a file of one newline as one empty line", async () => {
    expect((await linesOf(fileWith(""))).lines).toEqual([]);
    expect((await linesOf(fileWith("\n"))).lines).toEqual([[1, ""]]);
  });
});
