import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { SessionWriter } from "../../../src/engine/session/session-writer.js";
import { sessionSchemas } from "../../../src/engine/session/session-format.js";
import { runCli, parseJsonOutput, REPO } from "../../helpers/run-cli.js";

const tmp = () => mkdtempSync(join(tmpdir(), "tooldbg-session-"));
const CORPUS = join(REPO, "test/fixtures/sessions");

describe("session/1", () => {
  it("every file in the read-only corpus still parses, line by line", () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith(".jsonl"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const [header, ...events] = readFileSync(join(CORPUS, file), "utf8").trim().split("\n");
      expect(sessionSchemas().header.safeParse(JSON.parse(header ?? "")).success, file).toBe(true);
      for (const line of events) expect(sessionSchemas().event.safeParse(JSON.parse(line)).success, `${file}: ${line}`).toBe(true);
    }
  });

  it("a written session is a log: scan reads its calls, results and advertised schemas", async () => {
    const dir = tmp();
    const tools = [{ name: "get_invoice_status", parameters: { type: "object", properties: { invoice_id: { type: "string" } }, required: ["invoice_id"] } }];
    const w = SessionWriter.create(dir, { mode: "scripted", agent: "examples/billing/tools.ts", model: "gpt-4o-mini", tools });
    w.append({ type: "user", content: "Is INV-123 paid?" });
    w.append({ type: "assistant", content: null, toolCalls: [{ id: "call_1", name: "get_invoice_status", arguments: '{"id":"INV-123","password":"hunter2"}' }] });
    w.append({ type: "diagnosis", callId: "call_1", tool: "get_invoice_status", arguments: '{"id":"INV-123"}', findings: [] });
    // It ran (raw) and threw: that tool message is a tool error.
    w.append({ type: "execution", callId: "call_1", tool: "get_invoice_status", arguments: '{"id":"INV-123"}', outcome: { status: "error" } });
    w.append({ type: "tool_message", callId: "call_1", content: "Error: missing invoice_id", isError: true });
    w.append({ type: "end", reason: "the model answered" });
    w.close();
    expect(w.path).toMatch(/\/\d{4}-\d\d-\d\dT[\d-]+Z-tools\.jsonl$/);
    const text = readFileSync(w.path, "utf8");
    expect(text).not.toContain("hunter2");
    const r = await runCli(["scan", w.path, "--json"]);
    const doc = parseJsonOutput<{ files: { format: string }[]; calls: { callId: string; diagnoses: { code: string }[] }[] }>(r);
    expect(doc.files[0]?.format).toBe("tooldbg");
    // The redacted password is still a key the signature lacks.
    expect(doc.calls[0]?.diagnoses.map((d) => d.code)).toEqual(["unexpected_argument", "unexpected_argument", "missing_argument", "tool_error"]);
  });

  it("a call tooldbg refused to run is not a tool error: its error message only repeats the findings", async () => {
    const dir = tmp();
    const tools = [{ name: "get_invoice_status", parameters: { type: "object", properties: { invoice_id: { type: "string" } }, required: ["invoice_id"] } }];
    const w = SessionWriter.create(dir, { mode: "scripted", agent: "agent.ts", tools });
    w.append({ type: "assistant", content: null, toolCalls: [{ id: "call_1", name: "get_invoice_status", arguments: "{}" }] });
    w.append({ type: "tool_message", callId: "call_1", content: "Error: get_invoice_status was not run. Missing required argument", isError: true });
    w.close();
    const doc = parseJsonOutput<{ calls: { diagnoses: { code: string }[] }[] }>(await runCli(["scan", w.path, "--json"]));
    expect(doc.calls[0]?.diagnoses.map((d) => d.code)).toEqual(["missing_argument"]);
  });

  it("a process killed mid-session keeps every event it wrote, each line whole", async () => {
    const dir = tmp();
    // One process (not the tsx CLI, which runs the script in a child the kill would miss).
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
    const child = spawn(process.execPath, ["--import", tsx, join(REPO, "test/engine/session/session-writer-cli.ts"), dir, "forever"], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    await new Promise<void>((resolve) => child.stdout.on("data", (d: Buffer) => { out += d.toString(); if (out.includes("50 written")) resolve(); }));
    child.kill("SIGKILL");
    await new Promise((r) => child.once("close", r));
    const path = out.split("\n")[0] ?? "";
    const lines = readFileSync(path, "utf8").split("\n");
    expect(lines.at(-1)).toBe(""); // ends on a newline: no half line
    const events = lines.slice(1, -1).map((l) => JSON.parse(l) as { seq: number });
    expect(events.length).toBeGreaterThanOrEqual(51);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
  });

  it("never overwrites a session file", () => {
    const dir = tmp();
    const now = new Date("2026-11-25T10:00:00Z");
    const a = SessionWriter.create(dir, { mode: "live", agent: "agent.ts" }, now);
    const b = SessionWriter.create(dir, { mode: "live", agent: "agent.ts" }, now);
    a.close();
    b.close();
    expect(a.path).not.toBe(b.path);
    expect(readdirSync(dir)).toHaveLength(2);
  });
});
