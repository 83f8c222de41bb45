import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LogAdapter, LogEvent } from "../../../src/engine/logs/log-events.js";
import { openaiChatAdapter } from "../../../src/engine/logs/adapters/openai-chat.js";
import { openaiResponsesAdapter } from "../../../src/engine/logs/adapters/openai-responses.js";
import { split } from "./openai-read-log.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/logs");
const ITERATIONS = 300;

/** Logs with one record per line: damage to one line must not lose any other line's calls. */
const RECORD_PER_LINE: [string, LogAdapter][] = [
  ["openai-chat-pairs.jsonl", openaiChatAdapter],
  ["openai-chat-bare.jsonl", openaiChatAdapter],
  ["openai-chat-legacy.jsonl", openaiChatAdapter],
  ["openai-chat-chunk-array.jsonl", openaiChatAdapter],
  ["openai-chat-bad-lines.jsonl", openaiChatAdapter],
  ["openai-chat-litellm.jsonl", openaiChatAdapter],
  ["openai-responses-records.jsonl", openaiResponsesAdapter],
];
/** Logs whose calls span lines (streams, pretty JSON): damage may change the call it hits, never throw. */
const SPANNING: [string, LogAdapter][] = [
  ["openai-chat-chunks.jsonl", openaiChatAdapter],
  ["openai-chat-stream.sse", openaiChatAdapter],
  ["openai-responses-stream.jsonl", openaiResponsesAdapter],
  ["openai-responses-stream.sse", openaiResponsesAdapter],
  ["openai-responses-pretty.json", openaiResponsesAdapter],
];

/** mulberry32: a tiny seeded PRNG, so every failure is reproducible from its seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const linesOf = (name: string): Buffer[] => {
  const bytes = readFileSync(join(FIXTURES, name));
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
};

/** Truncates a line at a random byte and/or flips a few random bytes; decoding may then yield U+FFFD. */
function damage(line: Buffer, random: () => number): string {
  const bytes = Buffer.from(line);
  const mode = Math.floor(random() * 3);
  let cut = bytes.length;
  if (mode !== 1) cut = Math.floor(random() * bytes.length);
  if (mode !== 0) {
    const flips = 1 + Math.floor(random() * 3);
    for (let i = 0; i < flips && bytes.length > 0; i++) {
      const at = Math.floor(random() * bytes.length);
      bytes[at] = (bytes[at] ?? 0) ^ (1 + Math.floor(random() * 255));
    }
  }
  return bytes.subarray(0, cut).toString("utf8");
}

function read(adapter: LogAdapter, lines: string[]): LogEvent[] {
  const events: LogEvent[] = [];
  const reader = adapter.createReader("fuzz.jsonl");
  const emit = (event: LogEvent): void => {
    events.push(event);
  };
  lines.forEach((line, i) => reader.line(line, i + 1, emit));
  reader.end(emit);
  return events;
}

function expectWellFormed(events: LogEvent[], lineCount: number): void {
  for (const event of events) {
    if (event.kind === "error") {
      expect(event.line).toBeGreaterThanOrEqual(1);
      expect(event.line).toBeLessThanOrEqual(lineCount);
      expect(event.message.length).toBeGreaterThan(0);
    } else {
      expect(typeof event.callId).toBe("string");
      expect(event.source.line).toBeGreaterThanOrEqual(1);
      expect(event.source.line).toBeLessThanOrEqual(lineCount);
      if (event.kind === "call") expect(typeof event.arguments).toBe("string");
    }
  }
}

describe("fuzz: random truncations and byte flips", () => {
  it.each(RECORD_PER_LINE)("%s: one damaged line never loses another line's calls", (name, adapter) => {
    const lines = linesOf(name);
    const intact = lines.map((line) => line.toString("utf8"));
    const baseline = split(read(adapter, intact)).calls;
    const random = prng(0x5eed ^ name.length);
    for (let i = 0; i < ITERATIONS / RECORD_PER_LINE.length; i++) {
      const hit = Math.floor(random() * lines.length);
      const damaged = [...intact];
      damaged[hit] = damage(lines[hit] ?? Buffer.alloc(0), random);
      let events: LogEvent[] = [];
      expect(() => (events = read(adapter, damaged))).not.toThrow();
      expectWellFormed(events, lines.length);
      const found = new Set(split(events).calls.map((call) => call.callId));
      const lost = baseline.filter((call) => call.source.line !== hit + 1 && !found.has(call.callId));
      expect(lost, `iteration ${i}: line ${hit + 1} damaged`).toEqual([]);
    }
  });

  it.each(RECORD_PER_LINE)("%s: a file cut at a random byte keeps every complete line's calls", (name, adapter) => {
    const bytes = readFileSync(join(FIXTURES, name));
    const baseline = split(read(adapter, bytes.toString("utf8").split("\n"))).calls;
    const random = prng(0xc0ffee ^ name.length);
    for (let i = 0; i < 20; i++) {
      const cut = Math.floor(random() * bytes.length);
      const lines = bytes.subarray(0, cut).toString("utf8").split("\n");
      const completeLines = lines.length - 1;
      let events: LogEvent[] = [];
      expect(() => (events = read(adapter, lines))).not.toThrow();
      const found = new Set(split(events).calls.map((call) => call.callId));
      expect(baseline.filter((call) => call.source.line <= completeLines && !found.has(call.callId))).toEqual([]);
    }
  });

  it.each(SPANNING)("%s: damage anywhere never throws and every event stays well formed", (name, adapter) => {
    const lines = linesOf(name);
    const random = prng(0xbad ^ name.length);
    for (let i = 0; i < ITERATIONS / SPANNING.length; i++) {
      const damaged = lines.map((line) => line.toString("utf8"));
      const hits = 1 + Math.floor(random() * 3);
      for (let h = 0; h < hits; h++) {
        const hit = Math.floor(random() * lines.length);
        damaged[hit] = damage(lines[hit] ?? Buffer.alloc(0), random);
      }
      let events: LogEvent[] = [];
      expect(() => (events = read(adapter, damaged))).not.toThrow();
      expectWellFormed(events, lines.length);
    }
  });
});
