// Peak RSS of `scan --jsonl` (and of `--json` on two logs) against the 150 MB cap (the bench's MB: MiB), on long logs of every
// shape that weighs on memory: calls with huge arguments never answered, and each log format's
// fixture repeated with its ids made unique per copy (repeats would be dropped as repeats and
// cost nothing). Each log is scanned with two threads and with one, ROUNDS times in turn; the
// figure is the highest peak of the runs (the cap holds for every run, not for the median).
// Usage: npm run build && node bench/memory.mjs [MB=100] [ROUNDS=3] [NAME] (only the cases whose
// name holds NAME)
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const mb = Number(process.argv[2] ?? 100);
const rounds = Number(process.argv[3] ?? 3);
const only = process.argv[4];
const CAP_MB = 150;
mkdirSync(here("./out/"), { recursive: true });

/** A chat response whose one call writes a file of `kb` KB: no answer ever comes (a log of responses only). */
const bigCall = (kb) => {
  const content = "x".repeat(kb * 1024);
  return (i) => JSON.stringify({ object: "chat.completion", model: "m", created: 1764000000 + i, choices: [{ message: { role: "assistant", tool_calls: [{ id: `call_${i}`, type: "function", function: { name: "write_file", arguments: JSON.stringify({ path: `f${i}`, content }) } }] }, finish_reason: "tool_calls" }] });
};

/** A proxy's {request, response} pair whose history holds a tool result of `mb` MB (a file read whole, say). */
const bigResult = (mbEach) => {
  const content = "y".repeat(mbEach * 1048576);
  return (i) => {
    const call = { id: `call_${i}`, type: "function", function: { name: "read_file", arguments: JSON.stringify({ path: `f${i}` }) } };
    const messages = [{ role: "user", content: "read it" }, { role: "assistant", tool_calls: [call] }, { role: "tool", tool_call_id: call.id, content }];
    return JSON.stringify({ request: { model: "m", messages }, response: { object: "chat.completion", model: "m", choices: [{ message: { role: "assistant", content: "done" }, finish_reason: "stop" }] } });
  };
};

/** An OTLP line of one execute_tool span whose result is `mb` MB. */
const bigSpanResult = (mbEach) => {
  const result = "z".repeat(mbEach * 1048576);
  return (i) => {
    const attr = (key, value) => ({ key, value: { stringValue: value } });
    const span = {
      traceId: i.toString(16).padStart(32, "0"),
      spanId: i.toString(16).padStart(16, "0"),
      name: "execute_tool read_file",
      kind: 1,
      startTimeUnixNano: `${1748779200000000000n + BigInt(i) * 1000n}`,
      endTimeUnixNano: `${1748779200000000500n + BigInt(i) * 1000n}`,
      attributes: [attr("gen_ai.operation.name", "execute_tool"), attr("gen_ai.tool.name", "read_file"), attr("gen_ai.tool.call.id", `call_${i}`), attr("gen_ai.tool.call.arguments", JSON.stringify({ path: `f${i}` })), attr("gen_ai.tool.call.result", result)],
      status: {},
    };
    return JSON.stringify({ resourceSpans: [{ resource: { attributes: [attr("service.name", "agent")] }, scopeSpans: [{ scope: { name: "genai" }, spans: [span] }] }] });
  };
};

/**
 * OTLP lines as the Collector's file exporter batches them: 250 tool spans a line (4 MB), each
 * trace spread over 12 lines, its root in the last.
 */
const spanBatches = () => {
  const result = "r".repeat(16 * 1024);
  const attr = (key, value) => ({ key, value: { stringValue: value } });
  return (i) => {
    const traceId = Math.floor(i / 12).toString(16).padStart(32, "0");
    const spans = Array.from({ length: 250 }, (_, k) => ({
      traceId,
      spanId: (i * 250 + k).toString(16).padStart(16, "0"),
      parentSpanId: "00000000000000aa",
      name: "execute_tool read_file",
      startTimeUnixNano: `${1748779200000000000n + BigInt(i * 250 + k) * 1000n}`,
      attributes: [attr("gen_ai.operation.name", "execute_tool"), attr("gen_ai.tool.name", "read_file"), attr("gen_ai.tool.call.id", `call_${i}_${k}`), attr("gen_ai.tool.call.arguments", "{}"), attr("gen_ai.tool.call.result", result)],
      status: {},
    }));
    if (i % 12 === 11) spans.push({ traceId, spanId: "00000000000000aa", name: "agent run", attributes: [attr("gen_ai.operation.name", "invoke_agent")], status: {} });
    return JSON.stringify({ resourceSpans: [{ resource: { attributes: [attr("service.name", "agent")] }, scopeSpans: [{ scope: { name: "genai" }, spans }] }] });
  };
};

/** Ids made unique per copy: call/message/run ids (also inside JSON held in strings), trace and span ids, UUIDs. */
const ID = /(\\?")((?:call|toolu|fc|resp|msg|run|chatcmpl|item)[-_][A-Za-z0-9_-]*)(\\?")/g;
const HEX = /\b([0-9a-f]{32}|[0-9a-f]{16})\b/g;
const UUID = /\b[0-9a-f]{8}(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/g;
const uniquify = (line, i) => {
  const tag = i.toString(16).padStart(8, "0");
  return line.replace(ID, `$1$2_${i}$3`).replace(HEX, (hex) => tag + hex.slice(8)).replace(UUID, (_, rest) => tag + rest);
};
/** A fixture's intact lines (those that parse, and pass `keep`), each copy's ids made its own. */
const repeated = (fixture, keep = () => true) => {
  const lines = readFileSync(here(`../test/fixtures/logs/${fixture}`), "utf8")
    .split("\n")
    .filter((line) => {
      try {
        JSON.parse(line);
        return keep(line);
      } catch {
        return false;
      }
    });
  return (i) => lines.map((line) => uniquify(line, i)).join("\n");
};

const cases = [
  { name: "chat, 1 MB arguments never answered", file: "mem-chat-1mb.jsonl", record: bigCall(1024) },
  { name: "chat, 200 KB arguments never answered", file: "mem-chat-200kb.jsonl", record: bigCall(200) },
  { name: "LangSmith run export", file: "mem-langsmith.jsonl", record: repeated("langchain-runs.jsonl", (line) => line.includes('"run_type"')) },
  { name: "OpenInference spans", file: "mem-openinference.jsonl", record: repeated("otel-openinference.jsonl") },
  { name: "OTel GenAI spans", file: "mem-otel-genai.jsonl", record: repeated("otel-genai.jsonl", (line) => line.includes("resourceSpans")) },
  { name: "Anthropic messages", file: "mem-anthropic.jsonl", record: repeated("anthropic-chain.jsonl") },
  { name: "OpenAI Responses", file: "mem-responses.jsonl", record: repeated("openai-responses-records.jsonl") },
  { name: "AutoGen core events", file: "mem-autogen.jsonl", record: repeated("autogen-core-events.jsonl") },
  // Every line over the 4 MB a chat record may be: skipped unread, and the scan exits 2 (no line could be read).
  { name: "chat, a 15 MB tool result per line", file: "mem-chat-15mb-result.jsonl", record: bigResult(15), status: 2 },
  { name: "OTel, a 15 MB tool result per span", file: "mem-otel-15mb-result.jsonl", record: bigSpanResult(15) },
  { name: "OTel, traces over 12 batch lines of 4 MB", file: "mem-otel-batches.jsonl", record: spanBatches() },
  { name: "OTel, a 7 MB tool result per span", file: "mem-otel-7mb-result.jsonl", record: bigSpanResult(7) },
  // --json is one document of every call: its calls wait on disk, not in memory, until it is written.
  { name: "OpenAI Responses, --json", file: "mem-responses.jsonl", record: repeated("openai-responses-records.jsonl"), output: "--json" },
  { name: "Anthropic messages, --json", file: "mem-anthropic.jsonl", record: repeated("anthropic-chain.jsonl"), output: "--json" },
];

async function generate(path, record) {
  // A log from an earlier run is used again when it is about the size asked for.
  if (existsSync(path) && Math.abs(statSync(path).size - mb * 1048576) < mb * 1048576 * 0.1) return;
  const out = createWriteStream(`${path}.part`);
  for (let i = 0, written = 0; written < mb * 1048576; i++) {
    const text = `${record(i)}\n`;
    written += text.length;
    if (!out.write(text)) await new Promise((resolve) => out.once("drain", resolve));
  }
  await new Promise((resolve) => out.end(resolve));
  renameSync(`${path}.part`, path);
}

/** Wall time and peak RSS (VmHWM, polled from /proc) of one scan. */
function scan(path, env, output = "--jsonl") {
  const t0 = performance.now();
  const child = spawn(process.execPath, [here("../bin/tooldbg.js"), "scan", path, output], { stdio: ["ignore", "ignore", "ignore"], env: { ...process.env, ...env } });
  let peakKb = 0;
  const timer = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
    } catch {
      // The process just ended.
    }
  }, 20);
  return new Promise((resolve) =>
    child.on("exit", (status) => {
      clearInterval(timer);
      resolve({ ms: performance.now() - t0, peakMb: peakKb / 1024, status });
    }),
  );
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
let over = 0;
console.log(`peak RSS of scan --jsonl (or the output named), highest of ${rounds} runs (cap ${CAP_MB} MB); median time`);
for (const c of cases) {
  if (only && !c.name.includes(only)) continue;
  const path = here(`./out/${c.file}`);
  await generate(path, c.record);
  const runs = { two: [], one: [] };
  for (let r = 0; r < rounds; r++) {
    runs.two.push(await scan(path, { TOOLDBG_SCAN_THREADS: "2" }, c.output));
    runs.one.push(await scan(path, { TOOLDBG_SCAN_THREADS: "1" }, c.output));
  }
  const row = (list) => {
    const peak = Math.max(...list.map((run) => run.peakMb));
    if (peak > CAP_MB) over++;
    const failed = list.filter((run) => (c.status === undefined ? run.status !== 0 && run.status !== 1 : run.status !== c.status)).length;
    return `${peak.toFixed(0).padStart(4)} MB${peak > CAP_MB ? " OVER" : ""} ${(median(list.map((run) => run.ms)) / 1000).toFixed(1).padStart(5)} s${failed ? ` (${failed} runs failed)` : ""}`;
  };
  console.log(`${c.name.padEnd(40)} ${(statSync(path).size / 1048576).toFixed(0).padStart(4)} MB   two threads ${row(runs.two)}   one thread ${row(runs.one)}`);
}
if (over > 0) console.log(`${over} over the cap`);
