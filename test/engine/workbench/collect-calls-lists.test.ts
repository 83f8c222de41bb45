import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AdvertisedTool, LogAdapter } from "../../../src/engine/logs/log-events.js";
import { collectCalls, type LoadMessage } from "../../../src/engine/workbench/collect-calls.js";

const toolsA: AdvertisedTool[] = [{ name: "f", parameters: { type: "object", properties: { a: { type: "string" } } } }];
const toolsB: AdvertisedTool[] = [{ name: "f", parameters: { type: "object", properties: { b: { type: "string" } } } }];

/** A log of one event a line, `call ID LIST LINE` or `result ID`, read by an adapter written for the test (a call says the line it stands for). */
const eventsAdapter: LogAdapter = {
  format: "openai-chat",
  detect: () => 0,
  createReader: (file) => ({
    line(text, line, emit) {
      const [kind, id, list, at] = text.split(" ");
      const source = { file, line: at === undefined ? line : Number(at) };
      if (kind === "call") emit({ kind: "call", callId: id as string, tool: "f", arguments: "{}", argumentsRecorded: true, syntheticId: false, advertised: list === "A" ? toolsA : toolsB, source });
      else emit({ kind: "result", callId: id as string, content: "ok", source });
    },
    end() {},
  }),
};

describe("collectCalls", () => {
  it("gives each call its own advertised list, when a call held behind an earlier one has its id reused", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "tooldbg-collect-")), "log.txt");
    // a and x are parallel calls of one line; x is answered while a still waits, so it is held;
    // then x's id comes again with list B.
    writeFileSync(path, ["call a A 1", "call x A 1", "result x", "call x B 4", "result a", "result x"].join("\n"));
    const messages: LoadMessage[] = [];
    await collectCalls([{ path, adapter: eventsAdapter }], undefined, (m) => messages.push(m));
    const lists = new Map<number, string>();
    for (const m of messages) if (m.type === "specs") lists.set(m.id, JSON.stringify(m.specs[0]).includes('"b"') ? "B" : "A");
    const calls = messages.flatMap((m) => (m.type === "calls" ? m.calls : []));
    expect(calls.map((c) => [c.id, c.source.line, c.specList === undefined ? undefined : lists.get(c.specList)])).toEqual([
      ["a", 1, "A"],
      ["x", 1, "A"],
      ["x", 4, "B"],
    ]);
  });
});
