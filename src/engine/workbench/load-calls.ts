import { statSync } from "node:fs";
import { Worker } from "node:worker_threads";
import type { ToolSpec } from "../../tools/tool-spec.js";
import type { LogAdapter } from "../logs/log-events.js";
import type { WorkbenchCall } from "./workbench-contract.js";
import type { WorkbenchInternalEvent } from "./workbench-model.js";
import type { LoadedCall, LoadMessage } from "./collect-calls.js";
import type { LoadWorkerInput } from "./load-worker.js";

/** The loading thread's heap: a record at a time, pending calls and one batch. */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 };
/** Shortest time between two appends of loaded calls to the state. */
const APPEND_MS = 500;

export interface LoadHandle {
  /** Resolves when loading finished, failed or was stopped. */
  readonly finished: Promise<void>;
  stop(): Promise<void>;
}

/**
 * One schema object per tool per advertised list. With executable tools, a call's spec is the
 * registered tool; a tool only the log advertised is shown with its schema, as not executable.
 */
class SpecBook {
  private readonly lists = new Map<number, ToolSpec[]>();
  private readonly byName: Map<string, ToolSpec>;
  constructor(private readonly tools: readonly ToolSpec[] | undefined) {
    this.byName = new Map((tools ?? []).map((t) => [t.name, t]));
  }
  addList(id: number, specs: ToolSpec[]): void {
    this.lists.set(id, this.tools ? specs.map((s) => ({ ...s, executable: false })) : specs);
  }
  specFor(tool: string, list: number | undefined): ToolSpec | undefined {
    const registered = this.byName.get(tool);
    if (registered) return registered;
    return list === undefined ? undefined : this.lists.get(list)?.find((s) => s.name === tool);
  }
}

const NO_EXECUTIONS: WorkbenchCall["executions"] = Object.freeze([]) as unknown as WorkbenchCall["executions"];
const NO_FINDINGS: WorkbenchCall["findings"] = Object.freeze([]) as unknown as WorkbenchCall["findings"];

/**
 * Strings that repeat on every call (file, tool, model) arrive as fresh copies from the thread:
 * one copy each is kept. Empty lists are shared too (the reducer never mutates, it replaces).
 */
class Interner {
  private readonly strings = new Map<string, string>();
  get(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    if (this.strings.size < 10_000) this.strings.set(text, text);
    return text;
  }
}

/**
 * Every call gets the same literal shape (absent fields are undefined, not missing): V8 then
 * shares one hidden class across hundreds of thousands of calls instead of one per combination.
 */
function toCall(loaded: LoadedCall, book: SpecBook, strings: Interner): WorkbenchCall {
  const tool = strings.get(loaded.tool);
  const logged = loaded.logged;
  return {
    id: loaded.id,
    tool,
    arguments: loaded.arguments,
    argumentsRecorded: loaded.argumentsRecorded,
    spec: book.specFor(tool, loaded.specList),
    findings: loaded.findings.length === 0 ? NO_FINDINGS : loaded.findings,
    status: loaded.status,
    step: undefined,
    model: loaded.model === undefined ? undefined : strings.get(loaded.model),
    time: loaded.time,
    source: { file: strings.get(loaded.source.file), line: loaded.source.line },
    notes: loaded.notes,
    logged: logged ? { content: logged.content, isError: logged.isError, errorInferred: logged.errorInferred } : undefined,
    executions: NO_EXECUTIONS,
    edited: undefined,
    exportedTo: undefined,
  };
}

function workerFor(input: LoadWorkerInput): Worker {
  const dev = import.meta.url.endsWith(".ts");
  const entry = new URL(`./load-worker${dev ? ".ts" : ".js"}`, import.meta.url);
  if (!dev) return new Worker(entry, { workerData: input, resourceLimits: RESOURCE_LIMITS });
  // From sources (tests, tsx): the thread registers tsx before importing the TypeScript entry.
  const boot = `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData: input, resourceLimits: RESOURCE_LIMITS });
}

type Post = (event: WorkbenchInternalEvent) => void;
type Tools = readonly ToolSpec[] | undefined;

/**
 * Load every call of the logs in the background and post them as events: in a worker thread by
 * default (the UI thread only converts small records), or in process in chunks (tests, tiny logs).
 */
export function startLoading(logs: readonly { path: string; adapter: LogAdapter }[], opts: { tools?: readonly ToolSpec[]; inProcess?: boolean }, post: Post): LoadHandle {
  return begin(logs, Promise.resolve(opts.tools), opts.inProcess === true, post).attach(post);
}

/** A load started before anything can receive it (open starts it before importing the UI). */
export interface EarlyLoad {
  /** Hand the events (those so far, then the rest) to the workbench. */
  attach(post: Post): LoadHandle;
  stop(): Promise<void>;
}

/**
 * Start the loading thread now: it imports the adapters while this thread imports the UI and the
 * tools start. It reads once `tools` settles (the calls are diagnosed against them).
 */
export function startLoadingEarly(logs: readonly { path: string; adapter: LogAdapter }[], tools: Promise<Tools>): EarlyLoad {
  return begin(logs, tools, false, undefined);
}

function begin(logs: readonly { path: string; adapter: LogAdapter }[], tools: Promise<Tools>, inProcess: boolean, initial: Post | undefined): EarlyLoad {
  let sink = initial;
  const early: WorkbenchInternalEvent[] = [];
  const post: Post = (event) => (sink ? sink(event) : early.push(event));
  let book: SpecBook | undefined;
  const strings = new Interner();
  let bytesTotal = 0;
  for (const log of logs) {
    try {
      bytesTotal += statSync(log.path).size;
    } catch {
      // Checked before loading; a file gone since shows up as a load failure.
    }
  }
  post({ type: "load_progress", progress: { bytesTotal, bytesRead: 0 } });
  let stopped = false;
  let ended = false;
  // Each append copies the state's arrays (the UI compares them by identity), so calls are handed
  // over at most every APPEND_MS: the first at once, for the first frame with rows.
  let buffered: WorkbenchCall[] = [];
  let appended = 0;
  let lastAppend = 0;
  let timer: NodeJS.Timeout | undefined;
  const append = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (buffered.length === 0 || stopped) return;
    const calls = buffered;
    buffered = [];
    appended += calls.length;
    lastAppend = performance.now();
    post({ type: "calls_loaded", calls });
  };
  const receive = (m: LoadMessage) => {
    if (stopped || ended) return;
    // Calls only come after "start", which goes with the tools; a failure may come before.
    book ??= new SpecBook(undefined);
    switch (m.type) {
      case "specs":
        return book.addList(m.id, m.specs);
      case "calls": {
        for (const c of m.calls) buffered.push(toCall(c, book, strings));
        if (appended === 0 || performance.now() - lastAppend >= APPEND_MS) append();
        else timer ??= setTimeout(append, APPEND_MS - (performance.now() - lastAppend));
        return;
      }
      case "progress":
        return post({ type: "load_progress", progress: { bytesRead: m.bytesRead, badLines: m.badLines, firstErrors: m.firstErrors } });
      case "done":
        append();
        ended = true;
        return post({ type: "load_finished", progress: { bytesRead: m.bytesRead, badLines: m.badLines, firstErrors: m.firstErrors } });
      case "failed":
        append();
        ended = true;
        return post({ type: "load_failed", message: m.message });
    }
  };
  const failed = (error: unknown) => {
    receive({ type: "failed", message: `could not read the logs: ${error instanceof Error ? error.message : String(error)}` });
  };

  let finished: Promise<void>;
  let halt: () => Promise<void>;
  if (inProcess) {
    finished = tools.then(async (known) => {
      book = new SpecBook(known);
      // Only this mode needs the reading code in this thread.
      const { collectCalls } = await import("./collect-calls.js");
      if (!stopped) await collectCalls(logs, known, receive);
    }).catch(failed);
    halt = () => finished;
  } else {
    const worker = workerFor({ logs: logs.map((l) => ({ path: l.path, format: l.adapter.format })) });
    worker.on("message", receive);
    finished = new Promise<void>((resolve) => {
      worker.on("error", (error) => receive({ type: "failed", message: `the loading thread failed: ${error.message}` }));
      worker.on("exit", (code) => {
        if (!stopped && !ended) receive({ type: "failed", message: `the loading thread stopped (exit ${code}) before finishing` });
        resolve();
      });
    });
    tools.then(
      (known) => {
        book = new SpecBook(known);
        worker.postMessage({ type: "start", ...(known ? { tools: [...known] } : {}) });
      },
      () => void worker.terminate(),
    );
    halt = async () => {
      await worker.terminate();
      await finished;
    };
  }
  const stop = async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await halt();
  };
  return {
    attach(next) {
      sink = next;
      for (const event of early.splice(0)) next(event);
      return { finished, stop };
    },
    stop,
  };
}
