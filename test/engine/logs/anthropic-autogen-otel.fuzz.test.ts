import { describe, expect, it } from "vitest";
import { anthropicAdapter } from "../../../src/engine/logs/adapters/anthropic.js";
import { autogenAdapter } from "../../../src/engine/logs/adapters/autogen.js";
import { langchainAdapter } from "../../../src/engine/logs/adapters/langchain.js";
import { otelAdapter } from "../../../src/engine/logs/adapters/otel.js";
import type { LogAdapter } from "../../../src/engine/logs/log-events.js";
import { fixtureText, readText } from "./anthropic-autogen-otel-read-log.js";

/**
 * Random damage to the sample logs (seeded, so a failure reproduces): truncated lines, flipped
 * bytes, garbage in place of a line, a file cut short. Nothing may throw out of a reader, and every
 * call whose source line survived intact must still be emitted.
 */

/** mulberry32: a tiny seeded PRNG. */
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

interface Sample {
  adapter: LogAdapter;
  name: string;
}

const SAMPLES: Sample[] = [
  ...["anthropic-chain.jsonl", "anthropic-interrupted.jsonl", "anthropic-stream.sse", "anthropic-bad-lines.jsonl"].map((name) => ({ adapter: anthropicAdapter, name })),
  ...[
    "anthropic-SYNTHETIC-spliced-message-start.chunks.txt",
    "anthropic-json-other-tool.1.chunks.txt",
    "anthropic-tool-no-args.chunks.txt",
    "anthropic-tool-search-deferred-bm25.chunks.txt",
  ].map((name) => ({ adapter: anthropicAdapter, name: `anthropic-realdata/${name}` })),
  ...["autogen-agentchat.jsonl", "autogen-core-events.jsonl", "autogen-console.txt"].map((name) => ({ adapter: autogenAdapter, name })),
  ...["swarm.ipynb-outputs.txt", "selector-group-chat.ipynb-outputs.txt", "agents.ipynb-outputs.txt"].map((name) => ({ adapter: autogenAdapter, name: `autogen-realdata/${name}` })),
  ...["otel-genai.jsonl", "otel-openinference.jsonl", "otel-vercel.jsonl", "otel-traceloop.jsonl", "otel-openllmetry-history.jsonl"].map((name) => ({ adapter: otelAdapter, name })),
  ...["langchain-runs.jsonl", "langchain-messages.jsonl", "langchain-stream.jsonl"].map((name) => ({ adapter: langchainAdapter, name })),
];

/** Pretty-printed single documents: one damaged byte loses the whole record, so only "no throw" holds. */
const PRETTY: Sample[] = [
  { adapter: anthropicAdapter, name: "anthropic-realdata/anthropic-tool-no-args.json" },
  { adapter: autogenAdapter, name: "autogen-realdata/history-wile_e_coyote_1.json" },
];

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function flipBytes(line: string, random: () => number): string {
  const bytes = encoder.encode(line);
  if (bytes.length === 0) return "\u0000";
  const flips = 1 + Math.floor(random() * 4);
  for (let i = 0; i < flips; i++) {
    const at = Math.floor(random() * bytes.length);
    let value = (bytes[at] ?? 0) ^ (1 + Math.floor(random() * 255));
    // A new line break would renumber every later line.
    if (value === 0x0a || value === 0x0d) value = 0x7e;
    bytes[at] = value;
  }
  return decoder.decode(bytes);
}

/** Damages `lines` in place; returns the 1-based numbers of the lines it touched or removed. */
function damage(lines: string[], random: () => number): Set<number> {
  const touched = new Set<number>();
  const pick = () => Math.floor(random() * lines.length);
  const kind = Math.floor(random() * 4);
  const rounds = 1 + Math.floor(random() * 3);
  for (let round = 0; round < rounds; round++) {
    const at = pick();
    const line = lines[at] ?? "";
    if (kind === 0) lines[at] = line.slice(0, Math.floor(random() * line.length));
    else if (kind === 1) lines[at] = flipBytes(line, random);
    else if (kind === 2) lines[at] = random() < 0.5 ? "\u0000\u0001\u0002garbage\u0003\u0004" : "{ not json ][";
    else {
      // Cut the file short mid-line.
      lines[at] = line.slice(0, Math.floor(random() * line.length));
      for (let after = at + 1; after < lines.length; after++) touched.add(after + 1);
      lines.length = at + 1;
    }
    touched.add(at + 1);
  }
  return touched;
}

describe("anthropic / autogen / otel / langchain readers under random damage", () => {
  it("never throw, and still emit every call whose source line is intact", () => {
    const random = prng(Number(process.env.FUZZ_SEED ?? 0x7001db9));
    const originals = new Map(SAMPLES.map((sample) => [sample.name, readText(sample.adapter, fixtureText(sample.name), sample.name)]));
    for (let iteration = 0; iteration < 400; iteration++) {
      const sample = SAMPLES[Math.floor(random() * SAMPLES.length)] as Sample;
      const lines = fixtureText(sample.name).replace(/\n$/, "").split("\n");
      const touched = damage(lines, random);
      const context = `iteration ${iteration}, ${sample.name}, damaged lines ${[...touched].join(",")}`;
      let damaged: ReturnType<typeof readText> | undefined;
      expect(() => {
        damaged = readText(sample.adapter, lines.join("\n"), sample.name);
      }, context).not.toThrow();
      // The guard turns an exception into an error event: none may have happened.
      expect(damaged?.errors.filter((error) => /^could not read/.test(error.message)), context).toEqual([]);
      const emitted = new Set(damaged?.calls.map((call) => call.callId));
      for (const call of originals.get(sample.name)?.calls ?? []) {
        if (touched.has(call.source.line)) continue;
        expect(emitted.has(call.callId), `${context}: lost ${call.callId} from intact line ${call.source.line}`).toBe(true);
      }
    }
  });

  it("never throw on damaged pretty-printed documents", () => {
    const random = prng(42);
    for (let iteration = 0; iteration < 100; iteration++) {
      const sample = PRETTY[iteration % PRETTY.length] as Sample;
      const lines = fixtureText(sample.name).split("\n");
      damage(lines, random);
      expect(() => readText(sample.adapter, lines.join("\n"), sample.name)).not.toThrow();
    }
  });

  it("never throw on any prefix of a sample (a file cut at every byte)", () => {
    for (const sample of [SAMPLES[0], SAMPLES[9], SAMPLES[15], SAMPLES[SAMPLES.length - 2]] as Sample[]) {
      const text = fixtureText(sample.name);
      for (let cut = 0; cut < text.length; cut += Math.max(1, Math.floor(text.length / 150))) {
        expect(() => readText(sample.adapter, text.slice(0, cut), sample.name)).not.toThrow();
      }
    }
  });
});
