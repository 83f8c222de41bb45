import { describe, expect, it } from "vitest";
import { printable, printableKeeping } from "../../src/engine/printable.js";

describe("printable: text from logs and tools never commands the terminal", () => {
  it("escapes ESC sequences, carriage returns, C1 controls, DEL and bidirectional overrides", () => {
    expect(printable("a\x1b[2Jb")).toBe("a\\u001b[2Jb");
    expect(printable("\x1b]52;c;ZXZpbA==\x07")).toBe("\\u001b]52;c;ZXZpbA==\\u0007");
    expect(printable("ok\rFAKE")).toBe("ok\\u000dFAKE");
    expect(printable("\u009b31m\u007f")).toBe("\\u009b31m\\u007f");
    expect(printable("admin\u202e\u2066txt")).toBe("admin\\u202e\\u2066txt");
    expect(printable("\u0000")).toBe("\\u0000");
  });

  it("keeps newlines, tabs and every printable character, and gives back the same string when there is nothing to escape", () => {
    const text = 'line 1\n\t{"city":"Zürich","emoji":"🌧","quote":"\\""}';
    expect(printable(text)).toBe(text);
  });

  it("keeps the caller's own colour codes, and only those", () => {
    // eslint-disable-next-line no-control-regex -- the colour codes are escape sequences
    const shown = printableKeeping(/\u001b\[(?:1|22)m/);
    expect(shown("\x1b[1mbold\x1b[22m from the log: \x1b[2J\x1b[1m")).toBe("\x1b[1mbold\x1b[22m from the log: \\u001b[2J\x1b[1m");
    expect(shown("plain")).toBe("plain");
  });
});
