import type { LogAdapter, LogEvent, LogReader } from "../log-events.js";
import { createPairingContext, type PairingContext } from "./shared/pairing-context.js";
import { autogenResult, autogenScore, readAutogenRecord } from "./autogen-json.js";
import { findReprObjects, hasReprObjects, type PyValue } from "./autogen-python-repr.js";
import { buildCall } from "./shared/log-event-builders.js";
import { guardReader } from "./shared/guard-reader.js";
import { createRecordFramer, type FramedItem, type JsonLineLimits } from "./shared/json-record-framer.js";
import { isRecord } from "./shared/loose-json.js";
import { walkEnvelope } from "./shared/walk-envelope.js";

/**
 * AutoGen logs: AgentChat events and autogen_core.events as JSON lines, serialized message
 * histories, and notebook / console output where objects appear only as Python reprs.
 */

function detect(record: unknown): number {
  const first = Array.isArray(record) ? record[0] : record;
  if (isRecord(first)) {
    const direct = autogenScore(first);
    if (direct > 0) return direct;
  }
  let best = 0;
  walkEnvelope(record, (node) => {
    if (typeof node === "string") return false;
    const score = autogenScore(node);
    best = Math.max(best, score);
    return score > 0;
  });
  return best * 0.95;
}

function detectText(head: string): number {
  if (/\b(FunctionCall\(id=|FunctionExecutionResult\(|ToolCallRequestEvent\()/.test(head)) return 0.9;
  // Console() headers alone: AutoGen output, though maybe without tool calls.
  return /^-{10} \S.* -{10}$/m.test(head) ? 0.4 : 0;
}

const str = (value: PyValue): string | undefined => (typeof value === "string" ? value : undefined);

/** `FunctionCall(…)` / `FunctionExecutionResult(…)` reprs in one line of text. */
function readReprLine(text: string, line: number, context: PairingContext): void {
  findReprObjects(text, (kind, args) => {
    if (kind === "FunctionCall") {
      const id = str(args.get("id"));
      const tool = str(args.get("name"));
      const raw = str(args.get("arguments"));
      if (id === undefined || tool === undefined || raw === undefined) return;
      context.toolNames.set(id, tool);
      const emitted = context.ledger.call(buildCall({ callId: id, tool, arguments: raw, argumentsRecorded: true, file: context.file, line }), context.emit);
      if (emitted !== undefined) context.waiting.add(emitted, tool, undefined, raw);
      return;
    }
    const callId = str(args.get("call_id"));
    const content = args.get("content");
    if (callId === undefined) return;
    const isError = args.get("is_error");
    context.ledger.result(
      autogenResult({
        callId,
        content: typeof content === "string" ? content : String(content ?? ""),
        isError: typeof isError === "boolean" ? isError : undefined,
        tool: str(args.get("name")) ?? (context.ledger.isReused(callId) ? undefined : context.toolNames.get(callId)),
        file: context.file,
        line,
      }),
      context.emit,
    );
  });
}

export function createAutogenReader(file: string, limits: JsonLineLimits = {}): LogReader {
  let emit: (event: LogEvent) => void = () => undefined;
  // AutoGen's Ollama client gives every call of a response the same id, numbered from 0 per run.
  const context = createPairingContext(file, (event) => emit(event), { distinctCalls: true });
  // Decided by the first line: console/notebook text (prose is skipped quietly) or JSON (a
  // non-JSON line is an error).
  let textMode: boolean | undefined;

  const readRecord = (record: unknown, line: number): void => {
    const items = Array.isArray(record) ? record : [record];
    let recognised = false;
    for (const item of items) recognised = readAutogenRecord(item, line, context) || recognised;
    if (!recognised) {
      walkEnvelope(record, (node) => {
        if (typeof node === "string" || autogenScore(node) === 0) return false;
        recognised = readAutogenRecord(node, line, context) || recognised;
        return true;
      });
    }
    // Console text prints results like `85.98` or `{'a': 1}` on their own lines: not records.
    if (!recognised && textMode !== true) emit({ kind: "error", line, message: "unrecognized record: not an AutoGen event, message or history" });
  };

  const framer = createRecordFramer({
    style: "plain",
    limits,
    other: (text, line) => {
      if (hasReprObjects(text)) {
        readReprLine(text, line, context);
        return true;
      }
      return textMode === true;
    },
  });
  const onItem = (item: FramedItem): void => {
    if (item.kind === "record") readRecord(item.value, item.line);
    else if (item.kind === "error") emit({ kind: "error", line: item.line, message: item.message });
  };

  return guardReader({
    line(text, line, sink) {
      emit = sink;
      if (textMode === undefined && text.trim() !== "") {
        const start = text.trimStart().replace(/^\uFEFF/, "");
        textMode = !(start.startsWith("{") || start.startsWith("[")) || /^\[?[A-Z]\w*\(/.test(start);
      }
      framer.push(text, line, onItem);
    },
    end(sink) {
      emit = sink;
      framer.end(onItem);
    },
  });
}

export const autogenAdapter: LogAdapter = {
  format: "autogen",
  detect,
  detectText,
  createReader: (file) => createAutogenReader(file),
};
