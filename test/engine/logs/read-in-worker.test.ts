import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { beforeAll, describe, expect, it } from "vitest";
import type { LogEvent } from "../../../src/engine/logs/log-events.js";
import type { LogReaderThread as ReaderThread } from "../../../src/engine/logs/read-in-worker.js";
import { REPO } from "../../helpers/run-cli.js";

/**
 * The reading thread runs the built modules (a worker does not go through the test's TypeScript
 * transform; `npm test` builds first). A scan handed over early starts its reading thread before
 * the pipeline listens (scan-worker): what the thread sent meanwhile must reach the pipeline
 * whole and in order, whether that is nothing yet or the whole file.
 */
const dist = (path: string) => pathToFileURL(join(REPO, "dist", path));
let log = "";
let LogReaderThread: typeof ReaderThread;

beforeAll(async () => {
  log = join(mkdtempSync(join(tmpdir(), "tooldbg-reader-")), "chat.jsonl");
  const gen = spawnSync(process.execPath, [join(REPO, "bench/gen-openai-chat-log.mjs"), log, "1"], { encoding: "utf8" });
  expect(gen.status, gen.stderr).toBe(0);
  ({ LogReaderThread } = (await import(dist("engine/logs/read-in-worker.js").href)) as { LogReaderThread: typeof ReaderThread });
}, 60_000);

const logs = () => [{ path: log, format: "openai-chat" as const }];

async function readAll(thread: ReaderThread): Promise<{ events: LogEvent[]; records: number }> {
  const events: LogEvent[] = [];
  const summary = await thread.read(log, (event) => events.push(event));
  return { events, records: summary.records };
}

/** A reading thread told to start, and what it has sent until `until` says enough. */
async function startedReader(until: (messages: { type: string }[]) => boolean): Promise<{ worker: Worker; messages: unknown[] }> {
  const worker = new Worker(dist("engine/logs/scan-reader-worker.js"));
  const messages: { type: string }[] = [];
  const enough = new Promise<void>((resolve) => {
    const collect = (message: { type: string }) => {
      messages.push(message);
      if (until(messages)) {
        worker.off("message", collect);
        resolve();
      }
    };
    worker.on("message", collect);
    if (until(messages)) {
      worker.off("message", collect);
      resolve();
    }
  });
  worker.postMessage({ type: "start", input: { logs: logs() } });
  await enough;
  return { worker, messages };
}

describe("LogReaderThread", () => {
  it("takes over a reading thread already started, with every message it sent before", async () => {
    const reference = await readAll(new LogReaderThread(logs()));
    expect(reference.events.length).toBeGreaterThan(500);
    // Everything sent before the hand-over: several batches (no acknowledgement yet), up to the file's end.
    const all = await startedReader((messages) => messages.some((m) => m.type === "file") || messages.length >= 6);
    expect(all.messages.length).toBeGreaterThan(1);
    expect(await readAll(new LogReaderThread(logs(), undefined, undefined, all))).toEqual(reference);
    // Nothing sent yet.
    const none = await startedReader(() => true);
    expect(none.messages).toEqual([]);
    expect(await readAll(new LogReaderThread(logs(), undefined, undefined, none))).toEqual(reference);
  }, 60_000);
});
