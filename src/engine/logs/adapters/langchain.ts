import type { LogAdapter, LogEvent, LogReader } from "../log-events.js";
import { emitAiMessageCalls, emitLcResult } from "./langchain-context.js";
import { createPairingContext } from "./shared/pairing-context.js";
import { readLcHistory } from "./langchain-history.js";
import { isLangchainMessage, lcMessage, toolMessageResult } from "./langchain-messages.js";
import { isLangsmithRun, readLangsmithRun } from "./langchain-runs.js";
import { LcChunkJoiner } from "./langchain-stream.js";
import { framedReader } from "./shared/guard-reader.js";
import { createRecordFramer, type FramedItem } from "./shared/json-record-framer.js";
import { isRecord } from "./shared/loose-json.js";
import { MAX_RECORD_CHARS } from "./shared/framed-item.js";

/**
 * LangChain logs: LangSmith run exports (runs as JSON lines or an array, with or without their
 * `child_runs` trees) and dumps of LangChain messages (serialized with `dumpd`, `messages_to_dict`
 * or `model_dump`, one per line, as lists, or inside a LangGraph state or stream).
 */

/** Nodes looked at per record, and how deep, when looking for messages inside an envelope. */
const MAX_NODES = 20_000;
const MAX_DEPTH = 8;

function detect(record: unknown): number {
  const first = Array.isArray(record) && record.length > 0 ? record[0] : record;
  // Certain: a run's shape is LangSmith's own. OpenAI chat may claim the same record as much (the
  // OpenAI wrapper's runs hold a request and a completion); this adapter comes first and wins the tie.
  if (isLangsmithRun(first)) return 1;
  let best = 0;
  visitMessages(record, (node) => {
    if (isLangchainMessage(node)) best = Math.max(best, isRecord(node) && node.lc === 1 ? 0.9 : 0.8);
  });
  return best;
}

/**
 * Offers every message inside a record, and every list holding messages, to the visitors:
 * a list is read as one history, a message met alone as a record of its own.
 */
function visitMessages(root: unknown, onMessage: (node: unknown) => void, onList?: (list: readonly unknown[]) => void): void {
  let budget = MAX_NODES;
  const walk = (node: unknown, depth: number): void => {
    if (budget-- <= 0 || depth > MAX_DEPTH) return;
    if (Array.isArray(node)) {
      // A history holds only messages (a LangGraph stream's `[chunk, metadata]` pair is not one).
      if (onList && node.length > 0 && node.every((item) => lcMessage(item) !== undefined)) {
        onList(node);
        return;
      }
      for (const item of node) walk(item, depth + 1);
      return;
    }
    if (!isRecord(node)) return;
    if (lcMessage(node) !== undefined) {
      onMessage(node);
      return;
    }
    for (const key in node) walk(node[key], depth + 1);
  };
  walk(root, 0);
}

export function createLangchainReader(file: string): LogReader {
  let emit: (event: LogEvent) => void = () => undefined;
  // Some model servers give every turn's calls the same ids (TGI numbers them from 0): calls are told apart by their text and conversation.
  const context = createPairingContext(file, (event) => emit(event), { distinctCalls: true, scoped: true });
  const joiner = new LcChunkJoiner();

  const readRecord = (record: unknown, line: number): boolean => {
    if (isLangsmithRun(record)) {
      readLangsmithRun(record, line, context);
      return true;
    }
    let recognised = false;
    // Places in a history, not lines, give id-less calls their synthetic ids: a later dump repeating the history gives the same ones.
    const scope = { line, where: "" };
    visitMessages(
      record,
      (node) => {
        const message = lcMessage(node);
        if (!message) return;
        recognised = true;
        // A streamed chunk is a fragment of a message: joined with the rest of its message, unless the whole one comes first.
        if (isRecord(node) && isChunk(node)) {
          if (message.role === "ai") joiner.push(message.fields, line, context);
          return;
        }
        if (message.role === "ai") {
          joiner.superseded(message.fields.id);
          emitAiMessageCalls(message.fields, scope, context);
        } else if (message.role === "tool") {
          const result = toolMessageResult(message.fields);
          if (result) emitLcResult(result, line, context);
        }
      },
      (list) => {
        recognised = true;
        for (const item of list) {
          const message = lcMessage(item);
          if (message?.role === "ai") joiner.superseded(message.fields.id);
        }
        readLcHistory(list, scope, context);
      },
    );
    return recognised;
  };

  const onItem = (item: FramedItem): void => {
    if (item.kind === "error") emit(item);
    else if (item.kind === "record") {
      // A list of runs (an export written as one array) is read run by run.
      const records = Array.isArray(item.value) && item.value.some(isLangsmithRun) ? item.value : [item.value];
      let recognised = false;
      for (const record of records) recognised = readRecord(record, item.line) || recognised;
      if (!recognised) emit({ kind: "error", line: item.line, message: "unrecognized record: not a LangSmith run or a LangChain message" });
    }
  };
  return framedReader(createRecordFramer(), onItem, (sink) => (emit = sink), () => joiner.finishAll(context));
}

/** `AIMessageChunk` and the like: serialized with their class, or dumped with `type` "AIMessageChunk". */
function isChunk(node: Record<string, unknown>): boolean {
  const name = Array.isArray(node.id) ? node.id[node.id.length - 1] : node.type;
  return typeof name === "string" && name.endsWith("MessageChunk");
}

export const langchainAdapter: LogAdapter = {
  format: "langchain",
  detect,
  // A line over 4 MB is skipped unread: a record may be no longer (MAX_RECORD_CHARS; in bytes here).
  maxLineBytes: MAX_RECORD_CHARS,
  createReader: createLangchainReader,
};
