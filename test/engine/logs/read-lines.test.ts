import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
  const count = await readLines(path, { line: (text, no) => lines.push([no, text]), oversized: (no, bytes) => oversized.push([no, bytes]) }, opts);
  return { lines, oversized, count };
}

describe("readLines", () => {
  it("gives the lines split('\\n') gives, whatever the chunk size: multi-byte characters cut by a chunk, CRLF, empty lines, no final newline", async () => {
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff);
    const pieces = ["a", "é", "€", "😀", "{\"k\":1}", "\r", " ", "x".repeat(50)];
    const lines = Array.from({ length: 300 }, () => Array.from({ length: Math.floor(rand() * 12) }, () => pieces[Math.floor(rand() * pieces.length)]).join(""));
    const text = lines.join("\n");
    const path = fileWith(text);
    const expected = text.split("\n").map((line, i): [number, string] => [i + 1, line.endsWith("\r") ? line.slice(0, -1) : line]);
    for (const highWaterMark of [1, 2, 3, 7, 64, 1000, 1 << 20]) {
      const read = await linesOf(path, { highWaterMark });
      expect(read.lines, `chunks of ${highWaterMark}`).toEqual(expected);
      expect(read.count).toBe(expected.length);
    }
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

  it("reads an empty file as no lines, and a file of one newline as one empty line", async () => {
    expect((await linesOf(fileWith(""))).lines).toEqual([]);
    expect((await linesOf(fileWith("\n"))).lines).toEqual([[1, ""]]);
  });
});
