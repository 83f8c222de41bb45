import { mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { readOnSecondThread } from "../../../src/engine/logs/scan-in-worker.js";
import type * as ScanInWorker from "../../../src/engine/logs/scan-in-worker.js";
import { openaiChatAdapter } from "../../../src/engine/logs/adapters/openai-chat.js";
import { REPO } from "../../helpers/run-cli.js";

/**
 * Whether a scan reads on a second thread is settled when the scanning thread starts, from the
 * sizes of the logs the command line names: a small log gets no reading thread, which would only
 * have loaded its modules for nothing.
 */
let dir = "";
let small = "";
let large = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tooldbg-prestart-"));
  small = join(dir, "small.jsonl");
  writeFileSync(
    small,
    `${JSON.stringify({
      request: { model: "m", messages: [{ role: "user", content: "hi" }] },
      response: { model: "m", choices: [{ message: { role: "assistant", tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: '{"a":1}' } }] } }] },
    })}\n`,
  );
  large = join(dir, "large.jsonl");
  writeFileSync(large, "");
  truncateSync(large, 5 * 1024 * 1024); // sparse: sized, never read here
});

describe("readOnSecondThread", () => {
  it("reads logs of 4 MB and more on a second thread when two are asked for", () => {
    expect(readOnSecondThread([large], 2)).toBe(true);
    expect(readOnSecondThread([small], 2)).toBe(false);
    expect(readOnSecondThread([small, large], 2)).toBe(true);
  });

  it("never with one thread asked for, and by default only with a second core", () => {
    expect(readOnSecondThread([large], 1)).toBe(false);
    expect(readOnSecondThread([large], undefined)).toBe(availableParallelism() > 1);
  });

  it("sizes a gzip log by the text its trailer records, not by its compressed bytes", () => {
    const text = Buffer.alloc(6 * 1024 * 1024, "{}\n");
    const gz = join(dir, "big.jsonl.gz");
    writeFileSync(gz, gzipSync(text));
    expect(readOnSecondThread([gz], 2)).toBe(true);
    const tiny = join(dir, "tiny.jsonl.gz");
    writeFileSync(tiny, gzipSync("{}\n"));
    expect(readOnSecondThread([tiny], 2)).toBe(false);
  });

  it("counts a path that is not a readable file as nothing (the scan reports it later)", () => {
    expect(readOnSecondThread([join(dir, "missing.jsonl")], 2)).toBe(false);
    expect(readOnSecondThread([dir], 2)).toBe(false);
  });
});

describe("prestartScanThread", () => {
  // The thread runs the built modules (a worker does not go through the test's TypeScript transform).
  const load = async () => (await import(pathToFileURL(join(REPO, "dist/engine/logs/scan-in-worker.js")).href)) as typeof ScanInWorker;

  it("starts no reading thread for a small log, and the scan it is handed still runs", async () => {
    const { prestartScanThread, scanInWorker } = await load();
    const started = prestartScanThread({ threads: 2, logs: [small] });
    expect(started.reads).toBe(false);
    let text = "";
    const result = await scanInWorker([{ path: small, adapter: openaiChatAdapter }], { output: "jsonl", started }, (chunk) => (text += chunk));
    expect(result.summary.calls).toBe(1);
    expect(text).toContain('"callId":"c1"');
  });

  it("starts one for a large log when two threads are asked for", async () => {
    const { prestartScanThread } = await load();
    const started = prestartScanThread({ threads: 2, logs: [large] });
    expect(started.reads).toBe(true);
    await started.cancel();
    const one = prestartScanThread({ threads: 1, logs: [large] });
    expect(one.reads).toBe(false);
    await one.cancel();
  });
});
