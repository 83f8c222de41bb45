import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ToolHost } from "../../../src/engine/executor/tool-host.js";
import { parseFixture } from "../../../src/engine/fixtures/fixture-format.js";
import { createOpenWorkbench } from "../../../src/engine/workbench/open-workbench.js";
import type { WorkbenchController } from "../../../src/engine/workbench/create-workbench.js";
import { BILLING_TOOLS, callById, logsFor, PROD_LOG, REPO, select, waitFor } from "./open-helpers.js";

let host: ToolHost;
let workbench: WorkbenchController;
let out: string;

beforeAll(async () => {
  host = await ToolHost.start({ modules: [BILLING_TOOLS], cwd: REPO, timeoutMs: 5000 });
  out = mkdtempSync(join(tmpdir(), "tooldbg-wb-"));
  // The host stays open across tests: the workbench's quit would close it, so it gets no close.
  workbench = createOpenWorkbench({ logs: await logsFor(PROD_LOG), runner: { tools: host.tools, call: (r) => host.call(r) }, exportDir: out, timeoutMs: 5000, inProcess: true });
  await waitFor(workbench, (s) => s.load?.done === true);
});

afterAll(async () => {
  workbench.dispatch({ type: "quit" });
  if (workbench.getState().overlay?.kind === "confirm") workbench.dispatch({ type: "confirm", yes: true });
  await workbench.done;
  await host.close();
  rmSync(out, { recursive: true, force: true });
});

const runs = (id: string) => callById(workbench.getState(), id).executions;
const lastRun = (id: string) => runs(id).at(-1);

describe("workbench controller with the billing tools", () => {
  it("uses the executable tools as the calls' signatures", () => {
    const s = workbench.getState();
    expect(callById(s, "call_9f2a").spec?.shape).toBe("tooldbg");
    // Schema-only in the module: shown with its schema, not runnable.
    expect(callById(s, "call_5d10").spec).toMatchObject({ name: "refund_invoice", executable: false });
    expect(s.sourceLabel).toContain("tools");
  });

  it("r on invalid arguments does not run them; R runs them raw and reproduces the failure", async () => {
    select(workbench, "call_9f2a");
    workbench.dispatch({ type: "rerun", mode: "validated" });
    await workbench.idle();
    expect(lastRun("call_9f2a")?.outcome).toMatchObject({ status: "error", phase: "validation", error: { name: "NotExecuted" } });
    workbench.dispatch({ type: "rerun", mode: "raw" });
    await workbench.idle();
    const raw = lastRun("call_9f2a");
    expect(raw?.mode).toBe("raw");
    expect(raw?.outcome).toMatchObject({ status: "error", phase: "execute", error: { message: "No invoice undefined" } });
    expect(raw?.comparedWith).toBe("previous");
    expect(callById(workbench.getState(), "call_9f2a").status).toBe("failed");
  });

  it("f then r runs the fixed arguments and diffs the result against the logged one", async () => {
    const fresh = createOpenWorkbench({ logs: await logsFor(PROD_LOG), runner: { tools: host.tools, call: (r) => host.call(r) }, exportDir: out, timeoutMs: 5000, inProcess: true });
    await waitFor(fresh, (s) => s.load?.done === true);
    select(fresh, "call_9f2a");
    fresh.dispatch({ type: "apply_fix" });
    expect(callById(fresh.getState(), "call_9f2a").edited?.text).toBe('{"invoice_id":"INV-123"}');
    fresh.dispatch({ type: "rerun", mode: "validated" });
    expect(callById(fresh.getState(), "call_9f2a").status).toBe("executing");
    await fresh.idle();
    const run = callById(fresh.getState(), "call_9f2a").executions[0];
    expect(run).toMatchObject({ arguments: '{"invoice_id":"INV-123"}', mode: "validated", outcome: { status: "ok", result: { invoice_id: "INV-123", status: "paid" } }, comparedWith: "logged" });
    expect(run?.diff).toContainEqual({ op: "removed", text: "Error: KeyError: 'invoice_id'" });
    expect(run?.diff).toContainEqual({ op: "added", text: '  "invoice_id": "INV-123",' });
    expect(callById(fresh.getState(), "call_9f2a").status).toBe("ok");
    expect(fresh.getState().unsaved).toBe(true);

    // x: the failing arguments as the case, the user's fix as the fixed version; never overwritten.
    fresh.dispatch({ type: "export" });
    await fresh.idle();
    const first = callById(fresh.getState(), "call_9f2a").exportedTo;
    expect(first).toBeDefined();
    expect(fresh.getState().overlay).toMatchObject({ kind: "message", text: expect.stringContaining(`fixture written: ${first}`) as string });
    expect(fresh.getState().unsaved).toBe(false);
    const parsed = parseFixture(readFileSync(first ?? "", "utf8"));
    expect(parsed.ok && parsed.fixture).toMatchObject({
      tool: "get_invoice_status",
      arguments: '{"id":"INV-123"}',
      expect: { diagnoses: ["unexpected_argument", "missing_argument"] },
      fixed: { arguments: '{"invoice_id":"INV-123"}', expect: { ok: true } },
      source: { callId: "call_9f2a", line: 1 },
    });
    fresh.dispatch({ type: "dismiss" });
    fresh.dispatch({ type: "export" });
    await fresh.idle();
    const second = callById(fresh.getState(), "call_9f2a").exportedTo;
    expect(second).not.toBe(first);
    expect(readdirSync(join(out, "get_invoice_status")).sort()).toEqual(["id-instead-of-invoice-id-2.json", "id-instead-of-invoice-id.json"]);
    fresh.dispatch({ type: "quit" });
    await fresh.done;
  });

  it("an untouched call exports the way `tooldbg export` does", async () => {
    select(workbench, "call_5d11");
    workbench.dispatch({ type: "export" });
    await workbench.idle();
    const path = callById(workbench.getState(), "call_5d11").exportedTo ?? "";
    const parsed = parseFixture(readFileSync(path, "utf8"));
    expect(parsed.ok && parsed.fixture).toMatchObject({ tool: "lookup_customer", expect: { diagnoses: ["unknown_tool"] }, source: { callId: "call_5d11" } });
    workbench.dispatch({ type: "dismiss" });
  });

  it("an exported edit has its secrets redacted", async () => {
    select(workbench, "call_7c01");
    workbench.dispatch({ type: "edit_open" });
    workbench.dispatch({ type: "edit_change", text: '{"invoice_id":"INV-124","summary":"token sk-abcdefghijklmnopqrstuvwx","priority":1}', cursor: 0 });
    expect(workbench.getState().editor?.findings).toEqual([]);
    workbench.dispatch({ type: "edit_commit" });
    workbench.dispatch({ type: "export" });
    await workbench.idle();
    const path = callById(workbench.getState(), "call_7c01").exportedTo ?? "";
    const text = readFileSync(path, "utf8");
    expect(text).not.toContain("sk-abcdefghijklmnopqrstuvwx");
    expect(text).toContain("[REDACTED]");
    workbench.dispatch({ type: "dismiss" });
  });

  it("a side-effecting tool replayed from the log runs only after a confirm", async () => {
    select(workbench, "call_5d12");
    workbench.dispatch({ type: "edit_open" });
    workbench.dispatch({ type: "edit_change", text: '{"invoice_id":"INV-123","to":"billing@acme.test"}', cursor: 0 });
    workbench.dispatch({ type: "rerun", mode: "validated" });
    expect(workbench.getState().overlay).toMatchObject({ kind: "confirm", question: expect.stringContaining("side effects") as string });
    await workbench.idle();
    expect(runs("call_5d12")).toHaveLength(0);
    workbench.dispatch({ type: "confirm", yes: true });
    await workbench.idle();
    const run = lastRun("call_5d12");
    expect(run?.arguments).toBe('{"invoice_id":"INV-123","to":"billing@acme.test"}');
    expect(run?.outcome).toMatchObject({ status: "error", error: { message: "SMTP 550: mailbox unavailable for billing@acme.test" }, console: { stderr: expect.stringContaining("smtp: connecting") as string } });
    workbench.dispatch({ type: "edit_cancel" });
  });

  it("E hands the text to $EDITOR through the terminal handoff and re-diagnoses what comes back", async () => {
    const editorScript = join(out, "fake-editor.sh");
    (await import("node:fs")).writeFileSync(editorScript, `#!/bin/sh\nprintf '{"invoice_id":"INV-124"}\\n' > "$1"\n`, { mode: 0o755 });
    let suspended = 0;
    const edited = createOpenWorkbench({
      logs: await logsFor(PROD_LOG),
      exportDir: out,
      timeoutMs: 5000,
      inProcess: true,
      env: { ...process.env, EDITOR: editorScript },
      handoff: { suspend: async (run) => { suspended++; return run(); } },
    });
    await waitFor(edited, (s) => s.load?.done === true);
    select(edited, "call_9f2a");
    edited.dispatch({ type: "edit_external" });
    await edited.idle();
    expect(suspended).toBe(1);
    expect(callById(edited.getState(), "call_9f2a").edited).toEqual({ text: '{"invoice_id":"INV-124"}', findings: [] });
    edited.dispatch({ type: "quit" });
    expect(edited.getState().overlay).toMatchObject({ kind: "confirm" });
    edited.dispatch({ type: "confirm", yes: true });
    await edited.done;
  });

  it("without --tools, r says how to get tools", async () => {
    const bare = createOpenWorkbench({ logs: await logsFor(PROD_LOG), exportDir: out, timeoutMs: 5000, inProcess: true });
    await waitFor(bare, (s) => s.load?.done === true);
    bare.dispatch({ type: "rerun", mode: "validated" });
    await bare.idle();
    expect(bare.getState().overlay).toMatchObject({ kind: "message", tone: "error", text: expect.stringContaining("--tools") as string });
    bare.dispatch({ type: "quit" });
    await bare.done;
  });
});
