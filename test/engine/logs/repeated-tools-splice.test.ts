import { describe, expect, it } from "vitest";
import { ChatLineParser } from "../../../src/engine/logs/adapters/openai-chat-line-parser.js";

const tools = [
  { type: "function", function: { name: "get_invoice_status", description: "Look up an invoice", parameters: { type: "object", properties: { invoice_id: { type: "string", description: "Invoice ID like INV-123" } }, required: ["invoice_id"] } } },
  { type: "function", function: { name: "create_ticket", description: "Open a ticket", parameters: { type: "object", properties: { summary: { type: "string", minLength: 3 } }, required: ["summary"] } } },
];
const toolsText = JSON.stringify(tools);
const record = (i: number, extra = "") => `{"ts":"2025-01-01T00:00:0${i % 10}.000Z","request":{"model":"m","messages":[{"role":"user","content":"hi ${i}"}],"tools":${toolsText}${extra}},"response":{"id":"r${i}"}}`;

/** Parses every line with a fresh chat line parser (state carried line to line; no history is remembered, so only tools splice) and checks it against JSON.parse. */
function parseAll(lines: string[]): { values: unknown[]; parser: ChatLineParser } {
  const parser = new ChatLineParser();
  const values = lines.map((line) => {
    const parsed = parser.parse(line);
    let expected: unknown;
    let ok = true;
    try {
      expected = JSON.parse(line);
    } catch {
      ok = false;
    }
    expect(parsed.ok).toBe(ok);
    if (parsed.ok) expect(parsed.value).toEqual(expected);
    return parsed.ok ? parsed.value : undefined;
  });
  return { values, parser };
}

type Rec = { request: { tools: unknown } };

describe("repeated tools lists (RepeatedToolsSplicer through ChatLineParser)", () => {
  it("gives what JSON.parse gives, sharing a repeated list between records", () => {
    const { values } = parseAll([record(1), record(2), record(3)]);
    const [a, b, c] = values as Rec[];
    expect(b?.request.tools).toBe(a?.request.tools);
    expect(c?.request.tools).toBe(a?.request.tools);
  });

  it("parses a changed list afresh and learns it", () => {
    const other = toolsText.replace("Open a ticket", "Open a support ticket");
    const lines = [record(1), record(2).replace(toolsText, other), record(3).replace(toolsText, other), record(4)];
    const values = parseAll(lines).values as Rec[];
    expect(values[2]?.request.tools).toBe(values[1]?.request.tools);
    expect(values[3]?.request.tools).toBe(values[0]?.request.tools);
  });

  it("stays exact when the list text shows up somewhere it is not the request's tools", () => {
    const lines = [
      record(1),
      // inside a string (escaped, as JSON writes it): not a key
      `{"note":${JSON.stringify(`"tools":${toolsText}`)},"request":{"model":"m","messages":[],"tools":[]}}`,
      // under another key ending in tools: an escaped quote before it
      `{"a\\"tools":${toolsText},"request":{"model":"m","messages":[],"tools":${toolsText}}}`,
      // a duplicate key: the last value wins
      `{"request":{"model":"m","messages":[],"tools":${toolsText},"tools":5}}`,
      `{"request":{"model":"m","messages":[],"tools":5,"tools":${toolsText}}}`,
      // a NUL escape elsewhere in the line, and a string equal to the placeholder
      `{"x":"\\u0000tooldbg:repeated-tools","request":{"model":"m","messages":[],"tools":${toolsText}}}`,
      // the list as a prefix of a longer (invalid) value, and a cut-off line
      `{"request":{"model":"m","messages":[],"tools":${toolsText}1}}`,
      record(2).slice(0, -5),
      // deeper than the parser looks: parsed whole
      `{"a":{"b":{"c":{"d":{"e":{"tools":${toolsText}}}}}}}`,
      // in an array of records
      `[{"request":{"model":"m","messages":[],"tools":${toolsText}}}]`,
      record(3, ',"x":1'),
      record(4),
    ];
    const values = parseAll(lines).values;
    // After all that, a plain repeat is still spliced.
    expect((values[11] as Rec).request.tools).toBe((values[10] as Rec).request.tools);
  });

  it("does not learn a list written with spaces (not compact JSON), and still parses every line", () => {
    const spaced = (i: number) => JSON.stringify(JSON.parse(record(i)), null, 1).replace(/\n/g, "");
    const values = parseAll([spaced(1), spaced(2), spaced(3)]).values as Rec[];
    expect(values[1]?.request.tools).not.toBe(values[0]?.request.tools);
  });

  it("leaves short lists to JSON.parse", () => {
    const line = (i: number) => `{"request":{"model":"m","messages":[{"role":"user","content":"${i}"}],"tools":[{"type":"function","function":{"name":"f"}}]}}`;
    const values = parseAll([line(1), line(2)]).values as Rec[];
    expect(values[1]?.request.tools).not.toBe(values[0]?.request.tools);
  });
});
