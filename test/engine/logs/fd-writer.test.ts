import { closeSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FdWriter } from "../../../src/engine/logs/fd-writer.js";

describe("FdWriter", () => {
  it("writes every piece in order, multi-byte text and chunks larger than its buffer included", () => {
    const file = join(mkdtempSync(join(tmpdir(), "tooldbg-fd-")), "out.txt");
    const fd = openSync(file, "w");
    const writer = new FdWriter(fd, 16);
    const pieces = ["a", "é€😀\n", "x".repeat(100), "tail"];
    for (const piece of pieces) writer.write(piece);
    writer.flush();
    closeSync(fd);
    expect(readFileSync(file, "utf8")).toBe(pieces.join(""));
  });

  it("writes a text many times its buffer in pieces, never parting the halves of a surrogate pair", () => {
    const file = join(mkdtempSync(join(tmpdir(), "tooldbg-fd-")), "out.txt");
    const fd = openSync(file, "w");
    const writer = new FdWriter(fd, 16);
    // Pairs at every offset against the pieces' ends (16 chars of buffer: pieces of 21 units).
    const long = Array.from({ length: 400 }, (_, i) => "x".repeat(i % 7) + "😀é").join("");
    const pieces = ["head\n", long, "\n", `😀${long}`, "tail"];
    for (const piece of pieces) writer.write(piece);
    writer.flush();
    closeSync(fd);
    expect(readFileSync(file, "utf8")).toBe(pieces.join(""));
  });
});
