import { describe, expect, it } from "vitest";
import { toolInputFromText } from "../../../src/engine/logs/adapters/langchain-tool-input.js";

describe("toolInputFromText (a LangChain tool's str(tool_input))", () => {
  it("reads a dict's text back into the dict, Python's or JSON's", () => {
    expect(toolInputFromText("{'city': 'Paris', 'days': 3, 'exact': True, 'note': None}")).toEqual({ city: "Paris", days: 3, exact: true, note: null });
    expect(toolInputFromText('{"it\'s": [1, 2.5], "q": "a\\"b"}')).toEqual({ "it's": [1, 2.5], q: 'a"b' });
    expect(toolInputFromText(" {'nested': {'k': ('a', 'b')}} ")).toEqual({ nested: { k: ["a", "b"] } });
  });

  it("keeps any other text as the string input it was", () => {
    for (const text of ["Paris", "3", "True", "['a', 'b']", "[1, 2]", '"quoted"', "{'unclosed': 1", "{'call': f()}", ""]) expect(toolInputFromText(text), text).toBe(text);
  });
});
