import type { AdvertisedTool, LogEvent } from "../log-events.js";
import type { AdvertisedInterner } from "./shared/intern-advertised.js";
import type { RawToolArguments } from "./otel-genai-raw-arguments.js";
import type { SpanRecord } from "./otel-spans.js";
import type { CallLedger } from "./shared/call-ledger.js";
import { syntheticCallId } from "./shared/stable-hash.js";
import { buildCall, buildResult } from "./shared/log-event-builders.js";
import { readsAsError } from "./shared/error-text.js";
import { asString, parseIfJsonText, stringifyJson } from "./shared/loose-json.js";
import type { WaitingCalls } from "./shared/waiting-calls.js";
import type { TraceCalls, UnnamedCallSite } from "./otel-trace-calls.js";
import type { HeldEvents } from "./otel-held-events.js";

/** What every OTel convention reader shares: where events go, and what a trace taught so far. */
export interface OtelContext {
  file: string;
  ledger: CallLedger;
  emit: (event: LogEvent) => void;
  /** One tools list object per distinct list: records repeat the agent's tools, and identity caches downstream (specs, validators) then hit. */
  tools: AdvertisedInterner;
  /** The latest calls, for tool spans that name none (a Traceloop tool span of a tool that raised). */
  waiting: WaitingCalls;
  /** Each recent trace's calls, for spans and message parts that name none. */
  calls: TraceCalls;
  /** The events of the trace being read, until its read ends (`emit` holds them there). */
  held: HeldEvents;
}

/** Learnt from earlier spans of the same trace, for tool spans that do not repeat it. */
export interface TraceState {
  advertised?: AdvertisedTool[] | undefined;
  model?: string | undefined;
  /** The argument strings of the trace's execute_tool spans, for its chat spans' parsed calls. */
  rawArguments?: RawToolArguments | undefined;
}

export const attr = (span: SpanRecord, key: string): unknown => span.attributes.get(key);
export const attrString = (span: SpanRecord, key: string): string | undefined => asString(span.attributes.get(key));
/** An attribute that may hold JSON as text (most message and tool attributes do). */
export const attrJson = (span: SpanRecord, key: string): unknown => parseIfJsonText(span.attributes.get(key));

function spanTime(span: SpanRecord): string | undefined {
  if (span.startNanos <= 0n) return undefined;
  const date = new Date(Number(span.startNanos / 1_000_000n));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** A call id for a span or message part that has none: stable across runs of the same file. */
export const spanSyntheticId = (span: SpanRecord, ...where: string[]): string => syntheticCallId(["otel", span.traceId, span.spanId, ...where]);

export interface SpanCall {
  callId: string | undefined;
  /** Where in the span the call sits, for a synthetic id when `callId` is missing. */
  where: string;
  tool: string;
  /** A string is the raw text; anything else was parsed and gets re-serialized. */
  args: unknown;
  /** Whether a string `args` is the model's own text (false when a framework re-serialized it). */
  stringIsRaw: boolean;
  /**
   * Seen where the model's output is not: a tool's execution, a later request's history. Under an
   * id the log gives several calls, such a call whose text matches none is the latest call of its
   * tool in its trace (see CallLedger's `call`).
   */
  sighting: boolean;
  /** Read from a chat span's input history (a sighting): the calls, by the ids they go by, the history named before this one. */
  historyNamed?: ReadonlySet<string>;
  advertised?: AdvertisedTool[] | undefined;
  model?: string | undefined;
  truncated?: boolean;
  notes?: string[];
}

/** The conversation a span's calls belong to: the GenAI conversation id, a session id, else the trace. */
export const spanConversation = (span: SpanRecord): string => attrString(span, "gen_ai.conversation.id") ?? attrString(span, "session.id") ?? span.traceId;

/**
 * Emits the call unless the log showed it before; returns the id it goes by (`0#2` when the log
 * gave its id to another call first). A call naming no id is first looked for among its trace's
 * calls (see TraceCalls): only when none matches is it a call of its own, under a synthetic id.
 * A call of the model's output naming its id may in turn be such a call read before it, still
 * held (see HeldEvents): it then takes that call's place instead of being another.
 */
export function emitSpanCall(context: OtelContext, span: SpanRecord, call: SpanCall): string {
  const named = call.callId !== "" ? call.callId : undefined;
  const callId = named ?? spanSyntheticId(span, call.where);
  const notes = [...(call.notes ?? [])];
  let args: string;
  let recorded: boolean;
  if (typeof call.args === "string") {
    args = call.args;
    recorded = call.stringIsRaw;
  } else if (call.args === undefined || call.args === null) {
    // Content capture off: the call happened, its arguments were not kept.
    args = "";
    recorded = false;
    notes.push("arguments not captured in the trace");
  } else {
    args = stringifyJson(call.args);
    recorded = false;
  }
  if (named === undefined) {
    const site: UnnamedCallSite = !call.sighting ? { kind: "output" } : call.historyNamed ? { kind: "history", named: call.historyNamed } : { kind: "execution" };
    const same = context.calls.match(span.traceId, call.tool, args, site, (id) => !context.ledger.hasResult(id));
    if (same !== undefined) return same;
  }
  const conversation = spanConversation(span);
  const adopting = named !== undefined && !call.sighting ? heldUnclaimedCall(context, span.traceId, call.tool, args) : undefined;
  const emitted = context.ledger.call(
    buildCall({
      callId,
      syntheticId: callId !== call.callId,
      tool: call.tool,
      arguments: args,
      argumentsRecorded: recorded,
      advertised: call.advertised,
      model: call.model,
      time: spanTime(span),
      conversation,
      truncated: call.truncated,
      notes,
      file: context.file,
      line: span.line,
    }),
    adopting === undefined ? context.emit : (event) => adoptHeldCall(context, span.traceId, adopting, event),
    // Calls under one id are told apart by trace: chat spans may name a conversation their tool spans do not.
    { scope: span.traceId, sighting: call.sighting },
  );
  if (emitted !== undefined) context.waiting.add(emitted, call.tool, conversation, args);
  const goesBy = context.ledger.lastCallId();
  context.calls.add(span.traceId, goesBy, call.tool, args, named === undefined && call.sighting);
  return goesBy;
}

/**
 * The call read before this one of the model's output, from a span of its trace naming no call
 * id (a tool span that started before the chat span), that it stands for, while that call is
 * still held (see HeldEvents); undefined for a call of its own.
 */
function heldUnclaimedCall(context: OtelContext, trace: string, tool: string, args: string): string | undefined {
  if (!context.held.holdsSynthetic(tool)) return undefined;
  return context.calls.unclaimedFor(trace, tool, args, (id) => context.held.holdsCall(id));
}

const ignore = (): void => undefined;

/**
 * The model's call `event` is the held call `from`: it takes that call's place, and its results
 * and issues, as though the chat span had been read first. The ledger learns they are the new
 * id's (a later history's answer to it is a repeat), and `from` is marked answered: no call goes
 * by it any more, and the latest calls a Traceloop tool span may answer (context.waiting) still
 * hold it as open otherwise.
 */
function adoptHeldCall(context: OtelContext, trace: string, from: string, event: LogEvent): void {
  if (event.kind !== "call") {
    context.emit(event);
    return;
  }
  for (const answer of context.held.replace(from, event)) {
    if (answer.kind === "result") context.ledger.result(answer, ignore, true);
    else context.ledger.issue(answer, ignore);
  }
  context.ledger.result(buildResult({ callId: from, content: "", file: context.file, line: event.source.line }), ignore, true);
  context.calls.adopt(trace, from, event.callId);
}

export interface SpanResultOptions {
  isError?: boolean | undefined;
  tool?: string | undefined;
  /** The id is the one the answered call goes by (emitSpanCall's), not only the id the log gives. */
  resolved?: boolean;
  /**
   * The result sits where the format has no error flag (a tool message in a chat span's history):
   * text that clearly reads as an error counts as one, and says it was inferred.
   */
  inferError?: boolean;
}

/** Emits a result for `callId`. */
export function emitSpanResult(context: OtelContext, span: SpanRecord, callId: string, content: unknown, options: SpanResultOptions = {}): void {
  const result = buildResult({
    callId,
    content: typeof content === "string" ? content : stringifyJson(content),
    isError: options.isError,
    tool: options.tool,
    file: context.file,
    line: span.line,
  });
  if (options.inferError === true && result.isError === undefined && readsAsError(result.content)) {
    result.isError = true;
    result.errorInferred = true;
  }
  context.ledger.result(result, context.emit, options.resolved === true);
}

/** A tool-execution span's outcome: its result attribute, or the error the span recorded. */
export function emitToolSpanOutcome(context: OtelContext, span: SpanRecord, callId: string, tool: string, result: unknown): void {
  const errorType = attrString(span, "error.type");
  const isError = span.error || errorType !== undefined;
  if (result === undefined && !isError) return;
  const content = result ?? span.exceptionMessage ?? span.statusMessage ?? errorType ?? "";
  emitSpanResult(context, span, callId, content, { isError, tool, resolved: true });
}
