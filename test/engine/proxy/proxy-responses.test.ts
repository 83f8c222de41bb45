import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openaiResponsesAdapter } from "../../../src/engine/logs/adapters/openai-responses.js";
import { redactChunks } from "../../../src/engine/proxy/redact-exchange.js";
import { SecretScrub } from "../../../src/engine/proxy/secret-scrub.js";
import { sendJson } from "../../helpers/fake-upstream.js";
import { readText } from "../logs/openai-read-log.js";
import { KEY, startRig, until, type Rig } from "./proxy-harness.js";

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

// The first stream of a recorded Responses API log: two function calls and a custom tool call.
const FIXTURE = join(import.meta.dirname, "../../fixtures/logs/openai-responses-stream.jsonl");
const allEvents = readFileSync(FIXTURE, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as { type: string; response?: unknown });
const events = allEvents.slice(0, allEvents.findIndex((e) => e.type === "response.completed") + 1);
const completed = events.at(-1)?.response;

const responsesLog = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".responses.jsonl"));
const callsOf = (text: string) => readText(openaiResponsesAdapter, text).calls.map((c) => [c.callId, c.tool, c.arguments]);

describe("proxy: Responses API exchanges", () => {
  it("streams a Responses API call through and logs it to <date>.responses.jsonl, read by the openai-responses adapter", async () => {
    rig = await startRig((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end(events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join(""));
    });
    const stream = await rig.client.responses.create({ model: "gpt-4.1", input: "weather in Paris, and mail bo", stream: true });
    const got: unknown[] = [];
    for await (const event of stream) got.push(event);
    expect(got).toEqual(events);

    await until(() => rig?.proxy.log.lines === 1);
    const files = responsesLog(rig.dir);
    expect(files).toHaveLength(1);
    expect(readdirSync(rig.dir).filter((f) => !f.includes(".responses."))).toEqual([]);
    const text = readFileSync(join(rig.dir, files[0] ?? ""), "utf8");
    expect(text).not.toContain(KEY);
    const read = readText(openaiResponsesAdapter, text);
    expect(read.errors).toEqual([]);
    expect(callsOf(text)).toEqual(callsOf(events.map((e) => JSON.stringify(e)).join("\n")));
    expect(read.calls.map((c) => c.callId)).toEqual(["call_s1", "call_s2", "call_s3"]);
  });

  it("logs a non-streamed response", async () => {
    rig = await startRig((_req, res) => sendJson(res, 200, completed));
    const response = await rig.client.responses.create({ model: "gpt-4.1", input: "weather?" });
    expect(response.id).toBe("resp_s1");
    await until(() => rig?.proxy.log.lines === 1);
    const text = readFileSync(join(rig.dir, responsesLog(rig.dir)[0] ?? ""), "utf8");
    expect(readText(openaiResponsesAdapter, text).calls.map((c) => c.callId)).toEqual(["call_s1", "call_s2", "call_s3"]);
  });

  it("redacts a secret split across argument deltas, consistently with the .done event", () => {
    const delta = (d: string) => ({ type: "response.function_call_arguments.delta", item_id: "fc_1", output_index: 0, delta: d });
    const out = redactChunks([delta('{"api_'), delta('key":"abc'), delta('def"}'), delta("")], new SecretScrub()) as { delta: string }[];
    expect(out.map((e) => e.delta).join("")).toBe('{"api_key":"[REDACTED]"}');
    const done = redactChunks([{ type: "response.function_call_arguments.done", item_id: "fc_1", arguments: '{"api_key":"abcdef"}' }], new SecretScrub());
    expect(done).toEqual([{ type: "response.function_call_arguments.done", item_id: "fc_1", arguments: '{"api_key":"[REDACTED]"}' }]);
  });
});
