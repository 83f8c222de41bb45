import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ExecutionOutcome } from "../../../src/engine/executor/outcome.js";
import type { ToolCallRequest } from "../../../src/engine/executor/tool-host.js";
import { ToolHost } from "../../../src/engine/executor/tool-host.js";
import { childProcessesOf, processExists, waitFor } from "./process-helpers.js";

const HOSTILE = "test/fixtures/tools/hostile.ts";

function request(tool: string, overrides: Partial<ToolCallRequest> = {}): ToolCallRequest {
  return { tool, args: {}, argumentsText: "{}", mode: "validated", ...overrides };
}

function expectStatus<S extends ExecutionOutcome["status"]>(outcome: ExecutionOutcome, status: S): Extract<ExecutionOutcome, { status: S }> {
  expect(outcome.status, JSON.stringify(outcome).slice(0, 500)).toBe(status);
  return outcome as Extract<ExecutionOutcome, { status: S }>;
}

async function workerPidOf(host: ToolHost): Promise<number> {
  const outcome = expectStatus(await host.call(request("whoami")), "ok");
  return (outcome.result as { pid: number }).pid;
}

describe("ToolHost with hostile tools", () => {
  let host: ToolHost;
  const idleCrashes: string[] = [];

  beforeAll(async () => {
    host = await ToolHost.start({ modules: [HOSTILE], onIdleCrash: (reason) => idleCrashes.push(reason) });
  });

  afterAll(async () => {
    await host.close();
    await waitFor(() => childProcessesOf(process.pid).length === 0, { what: "no worker processes left" });
  });

  it("loads every tool of the module", () => {
    expect(host.loadErrors).toEqual([]);
    const names = host.tools.map((spec) => spec.name);
    expect(names).toEqual(expect.arrayContaining(["plain", "hangs", "exits", "floods", "unserializable", "schema_only"]));
    expect(host.tools.find((spec) => spec.name === "schema_only")?.executable).toBe(false);
  });

  it("returns a plain result round-tripped, with a preview and no serialization issues", async () => {
    const outcome = expectStatus(await host.call(request("plain", { args: { invoice_id: "INV-1" } })), "ok");
    expect(outcome.result).toEqual({ status: "paid", invoice_id: "INV-1", amount: 12.5, tags: ["a", "b"] });
    expect(outcome.preview).toContain("status: 'paid'");
    expect(outcome.serialization).toEqual([]);
    expect(outcome.mode).toBe("validated");
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("reuses one warm worker across calls", async () => {
    const pid = await workerPidOf(host);
    expect(host.workerPid).toBe(pid);
    const started = performance.now();
    for (let i = 0; i < 10; i++) expect(await workerPidOf(host)).toBe(pid);
    const perCallMs = (performance.now() - started) / 10;
    // A re-spawn costs hundreds of milliseconds; a warm call is an IPC round trip.
    expect(perCallMs).toBeLessThan(100);
  });

  it("validated mode rejects bad arguments; raw mode passes them straight through", async () => {
    const bad = { invoice_id: 42 };
    const rejected = expectStatus(await host.call(request("echo", { args: bad, argumentsText: JSON.stringify(bad) })), "error");
    expect(rejected.phase).toBe("validation");
    const passed = expectStatus(await host.call(request("echo", { args: bad, argumentsText: JSON.stringify(bad), mode: "raw" })), "ok");
    expect(passed.mode).toBe("raw");
    expect(passed.result).toEqual({ received: { invoice_id: 42 } });
  });

  it("reports a thrown error with name and message", async () => {
    const outcome = expectStatus(await host.call(request("throws")), "error");
    expect(outcome.phase).toBe("execute");
    expect(outcome.error).toMatchObject({ name: "RangeError", message: "invoice amount out of range" });
    const thrownString = expectStatus(await host.call(request("throws_string")), "error");
    expect(thrownString.error).toMatchObject({ name: "thrown string", message: "plain string failure" });
  });

  it("captures stdout and stderr per call without letting them reach tooldbg's stdout", async () => {
    const ownStdout = vi.spyOn(process.stdout, "write");
    try {
      const outcome = expectStatus(await host.call(request("talks")), "ok");
      expect(outcome.console).toEqual({ stdout: "hello from stdout\ninfo line\n", stderr: "warning: from stderr\nwarn line\n", droppedBytes: 0 });
      const quiet = expectStatus(await host.call(request("plain", { args: { invoice_id: "x" } })), "ok");
      expect(quiet.console).toEqual({ stdout: "", stderr: "", droppedBytes: 0 });
      expect(ownStdout.mock.calls.flat().join("")).not.toContain("hello from stdout");
    } finally {
      ownStdout.mockRestore();
    }
  });

  it("contains a 50 MB stdout flood: capped capture, dropped bytes counted, fast", async () => {
    const pid = await workerPidOf(host);
    const ownStdout = vi.spyOn(process.stdout, "write");
    const started = performance.now();
    const outcome = expectStatus(await host.call(request("floods")), "ok");
    const elapsed = performance.now() - started;
    ownStdout.mockRestore();
    expect(outcome.result).toEqual({ flooded: 50 });
    expect(Buffer.byteLength(outcome.console.stdout)).toBeLessThanOrEqual(64 * 1024);
    expect(outcome.console.stdout.startsWith("xxxx")).toBe(true);
    expect(outcome.console.droppedBytes).toBeGreaterThan(50 * 1024 * 1024 - 64 * 1024);
    expect(elapsed).toBeLessThan(3_000);
    expect(ownStdout.mock.calls.flat().join("")).not.toContain("xxxxxxxx");
    expect(await workerPidOf(host)).toBe(pid);
  });

  it("lists every serialization issue with its dotted path", async () => {
    const outcome = expectStatus(await host.call(request("unserializable")), "ok");
    expect(outcome.serialization).toEqual([
      { path: "when", kind: "Date" },
      { path: "count", kind: "BigInt" },
      { path: "lookup", kind: "Map" },
      { path: "unique", kind: "Set" },
      { path: "price", kind: "class instance", detail: "Money" },
      { path: "format", kind: "function" },
      { path: "ratio", kind: "NaN" },
      { path: "limit", kind: "Infinity" },
      { path: "missing", kind: "undefined" },
      { path: "items.0.when", kind: "Date" },
      { path: "items.1", kind: "undefined" },
    ]);
    // What the model would actually receive.
    expect(outcome.result).toEqual({
      when: "1970-01-01T00:00:00.000Z",
      count: "10",
      lookup: {},
      unique: {},
      price: { amount: 5, currency: "EUR" },
      ratio: null,
      limit: null,
      items: [{ when: "1970-01-01T00:00:00.000Z" }, null],
      fine: { nested: [1, "two", null, true] },
    });
    expect(outcome.preview).toContain("Map(1)");
  });

  it("reports circular references instead of failing", async () => {
    const outcome = expectStatus(await host.call(request("circular")), "ok");
    expect(outcome.serialization).toEqual([
      { path: "children.0.parent", kind: "circular" },
      { path: "self", kind: "circular" },
    ]);
    expect(outcome.result).toEqual({ name: "root", children: [{ parent: "[Circular]" }], self: "[Circular]" });
  });

  it("treats a top-level undefined as no result, not an issue", async () => {
    const outcome = expectStatus(await host.call(request("nothing")), "ok");
    expect(outcome.result).toBeUndefined();
    expect(outcome.serialization).toEqual([]);
  });

  it("reports process.exit as a crash with its reason, then runs the next call in a fresh worker", async () => {
    const pid = await workerPidOf(host);
    const outcome = expectStatus(await host.call(request("exits")), "crashed");
    expect(outcome.reason).toBe("called process.exit(3)");
    expect(outcome.console.stdout).toBe("goodbye\n");
    expect(processExists(pid)).toBe(false);
    const next = await workerPidOf(host);
    expect(next).not.toBe(pid);
  });

  it("times out a tool that never settles, kills the worker and recovers", async () => {
    const pid = await workerPidOf(host);
    const outcome = expectStatus(await host.call(request("hangs", { timeoutMs: 300 })), "timeout");
    expect(outcome.timeoutMs).toBe(300);
    expect(outcome.durationMs).toBeGreaterThanOrEqual(290);
    // Output printed before the hang is kept.
    expect(outcome.console.stdout).toBe("about to wait forever\n");
    expect(processExists(pid)).toBe(false);
    expect(expectStatus(await host.call(request("plain", { args: { invoice_id: "after" } })), "ok").result).toMatchObject({ invoice_id: "after" });
    expect(await workerPidOf(host)).not.toBe(pid);
  });

  it("times out a synchronous busy loop too", async () => {
    const outcome = expectStatus(await host.call(request("spins", { timeoutMs: 300 })), "timeout");
    expect(outcome.console.stdout).toBe("spinning\n");
    expectStatus(await host.call(request("whoami")), "ok");
  });

  it("reports an unhandled rejection during a call as a crash with the reason", async () => {
    const outcome = expectStatus(await host.call(request("rejects_unhandled")), "crashed");
    expect(outcome.reason).toBe("unhandled rejection: Error: late failure");
    expectStatus(await host.call(request("whoami")), "ok");
  });

  it("restarts after the worker dies while idle", async () => {
    const first = expectStatus(await host.call(request("throws_later")), "ok");
    expect(first.result).toBe("returned before the explosion");
    const pid = host.workerPid;
    expect(pid).toBeDefined();
    await waitFor(() => idleCrashes.length > 0, { what: "the idle worker to die" });
    expect(idleCrashes).toEqual(["uncaught exception: TypeError: timer exploded"]);
    expect(host.workerPid).toBeUndefined();
    const next = await workerPidOf(host);
    expect(next).not.toBe(pid);
  });

  it("refuses schema-only and unknown tools with an error outcome", async () => {
    const schemaOnly = expectStatus(await host.call(request("schema_only", { args: { q: "x" } })), "error");
    expect(schemaOnly.error.name).toBe("NotExecutable");
    const unknown = expectStatus(await host.call(request("no_such_tool")), "error");
    expect(unknown.error.name).toBe("UnknownTool");
  });

  it("serializes concurrent calls", async () => {
    const outcomes = await Promise.all([
      host.call(request("hangs", { timeoutMs: 200 })),
      host.call(request("plain", { args: { invoice_id: "one" } })),
      host.call(request("talks")),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["timeout", "ok", "ok"]);
  });
});

describe("ToolHost limits and shutdown", () => {
  it("reports running out of memory under a small heap cap", async () => {
    const host = await ToolHost.start({ modules: [HOSTILE], memoryLimitMb: 64 });
    try {
      const outcome = expectStatus(await host.call(request("eats_memory", { timeoutMs: 20_000 })), "crashed");
      expect(outcome.reason).toMatch(/^out of memory \(heap limit 64 MB\)$/);
      expectStatus(await host.call(request("whoami")), "ok");
    } finally {
      await host.close();
    }
  });

  it("close() kills a worker mid-call and leaves no process behind", async () => {
    const host = await ToolHost.start({ modules: [HOSTILE] });
    const pid = await workerPidOf(host);
    let printed = "";
    const pending = host.call(request("spins"), { onOutput: (_stream, text) => (printed += text) });
    await waitFor(() => printed === "spinning\n", { what: "the tool to start spinning" });
    await host.close();
    const outcome = expectStatus(await pending, "crashed");
    expect(outcome.reason).toBe("the tool host was closed during the call");
    expect(processExists(pid)).toBe(false);
    const after = expectStatus(await host.call(request("whoami")), "error");
    expect(after.error.name).toBe("ToolHostClosed");
    await host.close();
  });

  afterAll(async () => {
    await waitFor(() => childProcessesOf(process.pid).length === 0, { what: "no worker processes left" });
  });
});
