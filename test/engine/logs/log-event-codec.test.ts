import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EventDecoder, EventEncoder } from "../../../src/engine/logs/log-event-codec.js";
import { detectFromHead } from "../../../src/engine/logs/detect-format.js";
import { collectEvents } from "../../../src/engine/logs/adapters/shared/collect-log-events.js";
import type { AdvertisedTool, LogEvent, LogLineError } from "../../../src/engine/logs/log-events.js";

type Event = Exclude<LogEvent, LogLineError>;

const FIXTURES = new URL("../../fixtures/logs/", import.meta.url).pathname;

/** Every fixture log (realdata folders too), with the events its detected adapter emits. */
function fixtureEvents(): { file: string; events: Event[] }[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(FIXTURES);
  const out: { file: string; events: Event[] }[] = [];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const adapter = detectFromHead(text.slice(0, 256 * 1024)).adapter;
    if (!adapter) continue;
    out.push({ file, events: collectEvents(adapter, file, text).filter((e): e is Event => e.kind !== "error") });
  }
  return out;
}

/** Encodes in batches of `size` events and decodes them again. */
function roundTrip(file: string, events: Event[], size: number): Event[] {
  const encoder = new EventEncoder(file);
  const decoder = new EventDecoder(file);
  const out: Event[] = [];
  for (let i = 0; i < events.length; i += size) {
    for (const event of events.slice(i, i + size)) encoder.push(event);
    // A structured clone, as postMessage makes.
    const batch = structuredClone(encoder.take() ?? []);
    decoder.decode(batch, (event) => out.push(event));
  }
  return out;
}

describe("log event codec", () => {
  it("gives back every fixture's events as they were", () => {
    const all = fixtureEvents();
    expect(all.length).toBeGreaterThan(10);
    let calls = 0;
    for (const { file, events } of all) {
      calls += events.filter((e) => e.kind === "call").length;
      for (const size of [1, 7, 100_000]) expect(roundTrip(file, events, size), file).toEqual(events);
    }
    expect(calls).toBeGreaterThan(50);
  });

  it("keeps one object per advertised list, and a source in another file", () => {
    const tools: AdvertisedTool[] = [{ name: "f", parameters: { type: "object" } }];
    const call = (id: string, file = "a.jsonl"): Event => ({ kind: "call", callId: id, syntheticId: false, tool: "f", arguments: "{}", argumentsRecorded: true, advertised: tools, source: { file, line: 1 } });
    const decoded = roundTrip("a.jsonl", [call("1"), call("2", "b.jsonl"), call("3")], 1);
    expect(decoded.map((e) => e.source.file)).toEqual(["a.jsonl", "b.jsonl", "a.jsonl"]);
    const lists = decoded.map((e) => (e.kind === "call" ? e.advertised : undefined));
    expect(lists[0]).toEqual(tools);
    expect(lists[1]).toBe(lists[0]);
    expect(lists[2]).toBe(lists[0]);
  });

  it("agrees on the lists it remembers when there are more than it keeps", () => {
    const lists = Array.from({ length: 600 }, (_, i): AdvertisedTool[] => [{ name: `t${i}`, parameters: {} }]);
    const events: Event[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < lists.length; i += round + 1) {
        events.push({ kind: "call", callId: `${round}-${i}`, syntheticId: false, tool: `t${i}`, arguments: "{}", argumentsRecorded: true, advertised: lists[i], source: { file: "x", line: i } });
      }
    }
    expect(roundTrip("x", events, 50)).toEqual(events);
  });
});
