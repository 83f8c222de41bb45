import type { Finding } from "../diagnosis/finding.js";
import { hasErrors } from "../diagnosis/finding.js";
import { diagnoseCall } from "../diagnosis/diagnose-call.js";
import { parseArguments } from "../diagnosis/parse-arguments.js";
import { missingToolResult, orphanToolResult, toolError } from "../diagnosis/findings.js";
import type { ToolSpec } from "../../tools/tool-spec.js";
import type { AdvertisedTool, LogEvent, LogLineError, LogToolCall, LogToolResult } from "./log-events.js";
import type { ConversationFinding, ScannedCall } from "./scanned-call.js";
import { advertisedSpec } from "./advertised-spec.js";
import { ArrivalOrder, type Place } from "./arrival-order.js";

/** Calls waiting for their result; past this the oldest is diagnosed without one (bounded memory). */
const MAX_PENDING = 20_000;
/** Results seen before their call (out-of-order spans); bounded likewise. */
const MAX_EARLY_RESULTS = 5_000;
/**
 * Heap the waiting calls and the early results may take in all, as estimated by sizeOf: past it
 * the oldest goes on without its answer, as past the counts above. The counts alone do not bound
 * memory: 20,000 calls writing files of 200 KB each and never answered (a log of responses only)
 * would hold 4 GB.
 */
const MAX_PENDING_BYTES = 6 * 1024 * 1024;
const MAX_EARLY_BYTES = 2 * 1024 * 1024;
/**
 * What an entry takes beyond its texts (the call's objects, source, times), and each finding
 * beyond its message (its suggestion, path, a message built of pieces): measured on a long
 * LangSmith export, a waiting call took about 0.5 KB of heap, and 1.5-2 KB with two findings. About
 * 10,000 light calls of a chat log fit the budget (the bench log's answers all come well within
 * that); failing calls count for what they hold. The budget is what the scanning thread's heap
 * grows by, roughly twice over before a full collection: at 12 MB a long Anthropic log's scan
 * peaked at 160 MB with two threads, at 8 MB at 157, and LangSmith's at 153 and 145-148 (before
 * other savings). At 8 MB, bench/memory.mjs's AutoGen log (calls never answered in every copy)
 * peaked at 145-148 MB, within a few MB of the cap; at 6 MB at 143, its Responses log at 142.
 */
const ENTRY_OVERHEAD = 512;
const FINDING_OVERHEAD = 448;

/** A call diagnosed on arrival (so its record, advertised tools and all, can be freed) and waiting for its result. */
interface Pending {
  call: ScannedCall;
  result?: LogToolResult;
  extra: Finding[];
  /** Its number in arrival order: its mark in `arrivalKeys` while it waits. */
  seq: number;
  /** Its turn to be handed on (from `order`). */
  place: Place<ScannedCall>;
  /** Its size as counted against MAX_PENDING_BYTES. */
  bytes: number;
}

/**
 * Pairs each call with its result and diagnoses it once both are known (or the result can no
 * longer come). A line's calls are handed on in the order they arrived, not the order they finish
 * in (a response's parallel calls answered c, a, b still come out a, b, c): a finished call is held
 * while one of its line before it waits, within ArrivalOrder's own bound, which never touches the
 * waiting budget. Lines' calls go on as they finish.
 * Without executable tools, calls are checked against the schemas the log advertised.
 */
export class CallCollector {
  private readonly pending = new Map<string, Pending>();
  /**
   * The pending keys in arrival order with their entry's seq, read from `head` (a key whose entry
   * is gone, or is a later one, is skipped; only keys are held, so a flushed call is freed): the
   * Map's own order would do, but V8 keeps deleted slots until a rehash, and looking for the
   * oldest entry past every answered call's hole made each overflow slow.
   */
  private arrivalKeys: string[] = [];
  private arrivalSeqs: number[] = [];
  private head = 0;
  private seq = 0;
  private readonly order: ArrivalOrder<ScannedCall>;
  private readonly early = new Map<string, LogToolResult>();
  private pendingBytes = 0;
  private earlyBytes = 0;
  private readonly advertisedSpecs = new WeakMap<AdvertisedTool[], ToolSpec[]>();

  constructor(
    private readonly opts: { tools?: readonly ToolSpec[] },
    private readonly onCall: (call: ScannedCall) => void,
    private readonly onIssue: (issue: ConversationFinding) => void,
  ) {
    // A held call is done with (diagnosed, its result added): it takes its texts and its result's.
    this.order = new ArrivalOrder(onCall, (call) => sizeOf(call) + (call.result?.content.length ?? 0));
  }

  event(event: Exclude<LogEvent, LogLineError>): void {
    switch (event.kind) {
      case "call": {
        const key = event.callId;
        if (this.pending.has(key)) return;
        const result = this.takeEarly(key);
        const call = this.diagnoseArguments(event);
        // Numbered even when its answer came first: it finishes at once, but goes on in its turn.
        const entry: Pending = { call, extra: [], seq: ++this.seq, place: this.order.arrive(event.source.line, event.source.file), bytes: result ? 0 : sizeOf(call) };
        if (result) entry.result = result;
        this.pending.set(key, entry);
        if (result) this.flushEntry(key, entry);
        else {
          this.pendingBytes += entry.bytes;
          this.arrivalKeys.push(key);
          this.arrivalSeqs.push(entry.seq);
          if (this.pending.size > MAX_PENDING) this.flushOldest();
          else if (this.arrivalKeys.length > 2 * this.pending.size + 4096) this.compactArrivals();
          // The newest stays, even alone past the budget: it is flushed by its answer or the end.
          while (this.pendingBytes > MAX_PENDING_BYTES && this.pending.size > 1 && this.flushOldest());
        }
        return;
      }
      case "result": {
        const p = this.pending.get(event.callId);
        if (p) {
          if (!p.result) p.result = event;
          this.flushEntry(event.callId, p);
        } else {
          this.takeEarly(event.callId);
          this.early.set(event.callId, event);
          this.earlyBytes += event.content.length + ENTRY_OVERHEAD;
          while (this.early.size > MAX_EARLY_RESULTS || (this.earlyBytes > MAX_EARLY_BYTES && this.early.size > 1)) {
            const oldest = this.early.keys().next().value;
            if (oldest === undefined) break;
            this.takeEarly(oldest);
          }
        }
        return;
      }
      case "conversation": {
        const p = this.pending.get(event.callId);
        const finding = event.code === "missing_tool_result" ? missingToolResult(event.callId, event.tool ?? p?.call.tool ?? "?") : orphanToolResult(event.callId);
        if (p && event.code === "missing_tool_result") {
          if (!p.extra.some((f) => f.code === finding.code)) p.extra.push(finding);
        } else this.onIssue({ callId: event.callId, source: event.source, finding });
        return;
      }
    }
  }

  /**
   * End of input: every call still waiting is diagnosed without a result. The Map holds them in
   * arrival order (a key seen again is set anew, at the end), so each flushed has its turn and all
   * go on in arrival order; the release is for safety only.
   */
  finish(): void {
    for (const key of [...this.pending.keys()]) this.flush(key);
    this.order.release();
    this.early.clear();
    this.earlyBytes = 0;
    this.arrivalKeys = [];
    this.arrivalSeqs = [];
    this.head = 0;
  }

  /** Flushes the call waiting longest; false when none waits. */
  private flushOldest(): boolean {
    // Every pending key is in `arrivals` (a call flushed at once never waits): the first one
    // still pending is the Map's first entry.
    let flushed = false;
    while (this.head < this.arrivalKeys.length) {
      const i = this.head++;
      const key = this.arrivalKeys[i] as string;
      if (this.isWaiting(key, this.arrivalSeqs[i] as number)) {
        this.flush(key);
        flushed = true;
        break;
      }
    }
    if (this.head > 4096 && this.head * 2 > this.arrivalKeys.length) this.compactArrivals();
    return flushed;
  }

  /** Whether the call that arrived with this seq still waits under its id (the id may have been flushed, even seen again since). */
  private isWaiting(key: string, seq: number): boolean {
    return this.pending.get(key)?.seq === seq;
  }

  /** Drops the keys no longer waiting, keeping the order: the queue stays within a small multiple of `pending`. */
  private compactArrivals(): void {
    const keys: string[] = [];
    const seqs: number[] = [];
    for (let i = this.head; i < this.arrivalKeys.length; i++) {
      const key = this.arrivalKeys[i] as string;
      const seq = this.arrivalSeqs[i] as number;
      if (this.isWaiting(key, seq)) {
        keys.push(key);
        seqs.push(seq);
      }
    }
    this.arrivalKeys = keys;
    this.arrivalSeqs = seqs;
    this.head = 0;
  }

  /**
   * The call is done: out of the waiting budget at once (a held call must not push a waiting one
   * out), and handed on in its turn. Once out of `pending`, a result or a conversation finding for
   * its id is treated as it always was: an early result, an issue of its own.
   */
  private flush(key: string): void {
    const p = this.pending.get(key);
    if (p) this.flushEntry(key, p);
  }

  /** flush, with the entry at hand. */
  private flushEntry(key: string, p: Pending): void {
    this.pending.delete(key);
    this.pendingBytes -= p.bytes;
    this.order.finished(p.place, this.withResult(p));
  }

  /** Removes an early result (and its size) and returns it. */
  private takeEarly(key: string): LogToolResult | undefined {
    const result = this.early.get(key);
    if (!result) return undefined;
    this.early.delete(key);
    this.earlyBytes -= result.content.length + ENTRY_OVERHEAD;
    return result;
  }

  /** Add what the result and the conversation showed to a call diagnosed on arrival. */
  private withResult(p: Pending): ScannedCall {
    const { call, result } = p;
    if (!result && p.extra.length === 0) return call;
    // The call object is this entry's own (made by diagnoseArguments, not handed on yet): updated
    // in place, with `result` added last as a copy with it would have it.
    let diagnoses = call.diagnoses;
    if (result?.isError || p.extra.length > 0) {
      diagnoses = [...diagnoses];
      if (result?.isError) diagnoses.push(toolError(firstLine(result.content), result.errorInferred ? "inferred" : "logged"));
      diagnoses.push(...p.extra);
      call.ok = !hasErrors(diagnoses);
      call.diagnoses = diagnoses;
    }
    if (result) {
      const { content, source } = result;
      // The same keys, in the same order, as the JSON output has always shown.
      call.result = result.isError
        ? result.errorInferred
          ? { content, isError: true, errorInferred: true, source }
          : { content, isError: true, source }
        : result.errorInferred
          ? { content, errorInferred: true, source }
          : { content, source };
    }
    return call;
  }

  private diagnoseArguments(call: LogToolCall): ScannedCall {
    let notes: string[] | undefined = call.notes ? [...call.notes] : undefined;
    const note = (text: string) => {
      if (notes) notes.push(text);
      else notes = [text];
    };
    let findings: Finding[];
    const tools = this.opts.tools;
    if (!call.argumentsRecorded && call.arguments === "") {
      note("arguments not recorded in this log: nothing to check");
      findings = [];
    } else if (call.argumentsKind === "text") {
      findings = []; // free-text input by design: there is no JSON to check
    } else if (tools || call.advertised) {
      const ctx = tools
        ? { tools, ...(call.advertised ? { advertised: call.advertised } : {}) }
        : { tools: this.specsFor(call.advertised ?? []) };
      findings = diagnoseCall({ name: call.tool, arguments: call.arguments }, ctx).findings;
    } else {
      // No signature anywhere: only what the arguments string itself shows.
      const parsed = parseArguments(call.arguments, { hasRequired: true });
      findings = parsed.ok ? [] : parsed.findings;
      note("no tool schemas in this log (pass --tools MODULE to check the arguments)");
    }
    if (!call.argumentsRecorded && call.arguments !== "") note("raw arguments not recorded: shown re-serialized from the parsed arguments");
    if (call.truncated) note("the model's output was cut off (length limit): the arguments may be incomplete");
    // Optional keys assigned in the order the JSON output has always had (no spread copies per call).
    const scanned: ScannedCall = { callId: call.callId, tool: call.tool, arguments: call.arguments, argumentsRecorded: call.argumentsRecorded } as ScannedCall;
    if (call.model) scanned.model = call.model;
    if (call.time) scanned.time = call.time;
    scanned.source = call.source;
    scanned.ok = !hasErrors(findings);
    scanned.diagnoses = findings;
    if (call.truncated) scanned.truncated = true;
    if (call.syntheticId) scanned.syntheticId = true;
    if (notes) scanned.notes = notes;
    return scanned;
  }

  /** The log's advertised tools as specs, converted once per advertised list. */
  private specsFor(advertised: AdvertisedTool[]): ToolSpec[] {
    let specs = this.advertisedSpecs.get(advertised);
    if (!specs) {
      specs = advertised.map(advertisedSpec);
      this.advertisedSpecs.set(advertised, specs);
    }
    return specs;
  }
}

/** The heap a waiting call takes, roughly: its texts (one byte a character, as logs mostly are) and its objects. */
function sizeOf(call: ScannedCall): number {
  let bytes = ENTRY_OVERHEAD + call.arguments.length;
  for (const finding of call.diagnoses) bytes += FINDING_OVERHEAD + finding.message.length;
  if (call.notes) for (const note of call.notes) bytes += 32 + note.length;
  return bytes;
}

const firstLine = (text: string) => {
  const line = text.split("\n", 1)[0] ?? "";
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
};
