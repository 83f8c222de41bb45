import type { Finding } from "../diagnosis/finding.js";
import { hasErrors } from "../diagnosis/finding.js";
import { diagnoseCall } from "../diagnosis/diagnose-call.js";
import { parseArguments } from "../diagnosis/parse-arguments.js";
import { missingToolResult, orphanToolResult, toolError } from "../diagnosis/findings.js";
import type { ToolSpec } from "../../tools/tool-spec.js";
import type { AdvertisedTool, LogEvent, LogLineError, LogToolCall, LogToolResult } from "./log-events.js";
import type { ConversationFinding, ScannedCall } from "./scanned-call.js";
import { advertisedSpec } from "./advertised-spec.js";

/** Calls waiting for their result; past this the oldest is diagnosed without one (bounded memory). */
const MAX_PENDING = 20_000;
/** Results seen before their call (out-of-order spans); bounded likewise. */
const MAX_EARLY_RESULTS = 5_000;

/** A call diagnosed on arrival (so its record, advertised tools and all, can be freed) and waiting for its result. */
interface Pending {
  call: ScannedCall;
  result?: LogToolResult;
  extra: Finding[];
}

/**
 * Pairs each call with its result and diagnoses it once both are known (or the result can no
 * longer come), handing finished calls on in reading order as far as possible.
 * Without executable tools, calls are checked against the schemas the log advertised.
 */
export class CallCollector {
  private readonly pending = new Map<string, Pending>();
  private readonly early = new Map<string, LogToolResult>();
  private readonly advertisedSpecs = new WeakMap<AdvertisedTool[], ToolSpec[]>();

  constructor(
    private readonly opts: { tools?: readonly ToolSpec[] },
    private readonly onCall: (call: ScannedCall) => void,
    private readonly onIssue: (issue: ConversationFinding) => void,
  ) {}

  event(event: Exclude<LogEvent, LogLineError>): void {
    switch (event.kind) {
      case "call": {
        const key = event.callId;
        if (this.pending.has(key)) return;
        const result = this.early.get(key);
        if (result) this.early.delete(key);
        this.pending.set(key, { call: this.diagnoseArguments(event), extra: [], ...(result ? { result } : {}) });
        if (result) this.flush(key);
        else if (this.pending.size > MAX_PENDING) this.flushOldest();
        return;
      }
      case "result": {
        if (this.pending.has(event.callId)) {
          const p = this.pending.get(event.callId);
          if (p && !p.result) p.result = event;
          this.flush(event.callId);
        } else {
          this.early.set(event.callId, event);
          if (this.early.size > MAX_EARLY_RESULTS) {
            const oldest = this.early.keys().next().value;
            if (oldest !== undefined) this.early.delete(oldest);
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

  /** End of input: every call still waiting is diagnosed without a result. */
  finish(): void {
    for (const key of [...this.pending.keys()]) this.flush(key);
    this.early.clear();
  }

  private flushOldest(): void {
    const oldest = this.pending.keys().next().value;
    if (oldest !== undefined) this.flush(oldest);
  }

  private flush(key: string): void {
    const p = this.pending.get(key);
    if (!p) return;
    this.pending.delete(key);
    this.onCall(this.withResult(p));
  }

  /** Add what the result and the conversation showed to a call diagnosed on arrival. */
  private withResult(p: Pending): ScannedCall {
    const { call, result } = p;
    if (!result && p.extra.length === 0) return call;
    const diagnoses = [...call.diagnoses];
    if (result?.isError) diagnoses.push(toolError(firstLine(result.content), result.errorInferred ? "inferred" : "logged"));
    diagnoses.push(...p.extra);
    return {
      ...call,
      ok: !hasErrors(diagnoses),
      diagnoses,
      ...(result ? { result: { content: result.content, ...(result.isError ? { isError: true } : {}), ...(result.errorInferred ? { errorInferred: true } : {}), source: result.source } } : {}),
    };
  }

  private diagnoseArguments(call: LogToolCall): ScannedCall {
    const notes = [...(call.notes ?? [])];
    let findings: Finding[];
    const tools = this.opts.tools;
    if (!call.argumentsRecorded && call.arguments === "") {
      notes.push("arguments not recorded in this log: nothing to check");
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
      notes.push("no tool schemas in this log (pass --tools MODULE to check the arguments)");
    }
    if (!call.argumentsRecorded && call.arguments !== "") notes.push("raw arguments not recorded: shown re-serialized from the parsed arguments");
    if (call.truncated) notes.push("the model's output was cut off (length limit): the arguments may be incomplete");
    return {
      callId: call.callId,
      tool: call.tool,
      arguments: call.arguments,
      argumentsRecorded: call.argumentsRecorded,
      ...(call.model ? { model: call.model } : {}),
      ...(call.time ? { time: call.time } : {}),
      source: call.source,
      ok: !hasErrors(findings),
      diagnoses: findings,
      ...(call.truncated ? { truncated: true } : {}),
      ...(call.syntheticId ? { syntheticId: true } : {}),
      ...(notes.length ? { notes } : {}),
    };
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

const firstLine = (text: string) => {
  const line = text.split("\n", 1)[0] ?? "";
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
};
