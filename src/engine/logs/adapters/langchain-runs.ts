import type { AdvertisedTool } from "../log-events.js";
import { callForToolRun, emitAiMessageCalls, emitLcResult, type CallScope } from "./langchain-context.js";
import type { PairingContext } from "./shared/pairing-context.js";
import { readLcHistory } from "./langchain-history.js";
import { lcMessage, messageText, toolMessageResult, type LcResultParts } from "./langchain-messages.js";
import { advertisedTools } from "./shared/tool-definitions.js";
import { asArray, asRecord, asString, isRecord, stringifyJson } from "./shared/loose-json.js";
import { epochToIso, isoFromText } from "./shared/log-time.js";
import { buildCall } from "./shared/log-event-builders.js";
import { toolInputFromText } from "./langchain-tool-input.js";
import { syntheticCallId } from "./shared/stable-hash.js";

/** Child runs are followed this deep, no deeper (a hostile export cannot exhaust the stack). */
const MAX_DEPTH = 64;

const STANDALONE_NOTE = "a tool run with no model call for it in this log: the arguments shown are the run's inputs";

/**
 * A LangSmith run (its run data format, as `list_runs` and trace exports write it): `run_type`,
 * `inputs`, `outputs`, `error`, `extra.invocation_params`, `trace_id`, and optionally its
 * `child_runs` tree.
 */
export function isLangsmithRun(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && typeof value.run_type === "string" && value.run_type !== "" && (isRecord(value.inputs) || isRecord(value.outputs) || "error" in value);
}

/**
 * Reads one run and its child runs, in order: the input messages (history), the children (the
 * model and tool runs of an agent, richer than the final state), then the outputs.
 */
export function readLangsmithRun(run: Record<string, unknown>, line: number, context: PairingContext, depth = 0, parentTrace?: string): void {
  // A root run's id is its trace's id; a child inside a tree may leave `trace_id` out.
  const conversation = asString(run.trace_id) ?? parentTrace ?? (run.parent_run_id == null ? asString(run.id) : undefined);
  const scope: CallScope = { line, model: runModel(run), advertised: runTools(run, context), time: runTime(run.start_time), conversation, where: conversation ?? "" };
  if (run.run_type === "tool") readToolRun(run, scope, context);
  else {
    const inputs = asRecord(run.inputs);
    const history = inputs ? inputMessages(inputs) : [];
    for (const messages of history) readLcHistory(messages, scope, context);
    readChildren(run, line, context, depth, conversation);
    // A chain's or graph's outputs repeat what its model runs said: sightings of their calls.
    readOutputs(asRecord(run.outputs), { ...scope, where: `${scope.where}/${history[0]?.length ?? 0}`, sighting: run.run_type !== "llm" }, context);
    return;
  }
  readChildren(run, line, context, depth, conversation);
}

function readChildren(run: Record<string, unknown>, line: number, context: PairingContext, depth: number, trace: string | undefined): void {
  if (depth >= MAX_DEPTH) return;
  for (const child of asArray(run.child_runs) ?? []) if (isLangsmithRun(child)) readLangsmithRun(child, line, context, depth + 1, trace);
}

/** A chat model run's `messages` is a list of conversations (one per prompt); a chain's, one conversation. */
function inputMessages(inputs: Record<string, unknown>): (readonly unknown[])[] {
  const messages = asArray(inputs.messages);
  if (!messages) return [];
  return messages.every(Array.isArray) ? (messages as unknown[][]) : [messages];
}

function readOutputs(outputs: Record<string, unknown> | undefined, scope: CallScope, context: PairingContext): void {
  if (!outputs) return;
  // A chat model run: `generations`, a list (per prompt) of lists of candidates.
  for (const prompt of asArray(outputs.generations) ?? []) {
    for (const generation of Array.isArray(prompt) ? prompt : [prompt]) {
      if (!isRecord(generation)) continue;
      const message = lcMessage(generation.message);
      if (message?.role === "ai") emitAiMessageCalls(message.fields, scope, context, asRecord(generation.generation_info)?.finish_reason);
    }
  }
  // LangSmith's OpenAI wrapper keeps the completion itself, which names the model version.
  const completionModel = typeof outputs.model === "string" && outputs.model !== "" ? outputs.model : scope.model;
  for (const choice of asArray(outputs.choices) ?? []) {
    if (!isRecord(choice)) continue;
    const message = lcMessage(choice.message);
    if (message?.role === "ai") emitAiMessageCalls(message.fields, { ...scope, model: completionModel }, context, choice.finish_reason);
  }
  // A chain or graph: its final state's messages, or the message it returned.
  const messages = asArray(outputs.messages);
  if (messages) readLcHistory(messages, scope, context);
  const single = lcMessage(outputs.output) ?? lcMessage(outputs);
  if (single?.role === "ai") emitAiMessageCalls(single.fields, scope, context);
}

/** Python exports write UTC with no zone (read as UTC, whatever the machine's zone); the JS SDK, epoch milliseconds. */
const runTime = (value: unknown): string | undefined => (typeof value === "string" ? isoFromText(value) : typeof value === "number" ? epochToIso(value) : undefined);

function runModel(run: Record<string, unknown>): string | undefined {
  const extra = asRecord(run.extra);
  const params = asRecord(extra?.invocation_params);
  const metadata = asRecord(extra?.metadata);
  const inputs = asRecord(run.inputs);
  for (const value of [params?.model, params?.model_name, metadata?.ls_model_name, inputs?.model]) if (typeof value === "string" && value !== "") return value;
  return undefined;
}

function runTools(run: Record<string, unknown>, context: PairingContext): AdvertisedTool[] | undefined {
  const params = asRecord(asRecord(run.extra)?.invocation_params);
  const inputs = asRecord(run.inputs);
  const lists = [params?.tools, params?.functions, inputs?.tools];
  if (lists.every((list) => list === undefined)) return undefined;
  return context.tools.intern(lists, () => advertisedTools(lists[0]) ?? advertisedTools(lists[1]) ?? advertisedTools(lists[2]));
}

/**
 * A tool run answers a call: by the call id of the ToolMessage it returned, else (a run that
 * failed returns nothing) by its tool and inputs, else by its tool in the same trace. A tool run
 * no model call in the log made (a `@traceable` tool) is a call of its own, from its inputs.
 */
function readToolRun(run: Record<string, unknown>, scope: CallScope, context: PairingContext): void {
  const tool = asString(run.name) ?? "";
  const args = toolRunArguments(run.inputs);
  const outputs = run.outputs;
  const returned = toolMessageIn(outputs);
  const error = typeof run.error === "string" && run.error !== "" ? run.error : undefined;
  const finished = error !== undefined || (outputs !== undefined && outputs !== null) || run.status === "error";
  if (!finished) return;
  const named = returned?.callId ?? asString(asRecord(run.inputs)?.tool_call_id);
  // A call found by tool and inputs is known exactly (by the id it goes by); a named one may be one of several under its id.
  let callId = named ?? callForToolRun(tool, args, scope.conversation, context);
  const resolved = named === undefined && callId !== undefined;
  if (callId === undefined) {
    callId = syntheticCallId(["langsmith-tool-run", asString(run.id) ?? `${scope.line}`, tool]);
    context.toolNames.set(callId, tool);
    context.ledger.call(
      buildCall({
        callId,
        syntheticId: true,
        tool,
        // A tool of one text input has no arguments object: its inputs record stands for one.
        arguments: stringifyJson(isRecord(args) ? args : (run.inputs ?? {})),
        argumentsRecorded: false,
        time: scope.time,
        conversation: scope.conversation,
        notes: [STANDALONE_NOTE],
        file: context.file,
        line: scope.line,
      }),
      context.emit,
    );
  }
  const parts: LcResultParts = error !== undefined
    ? { callId, content: error, isError: true, tool }
    : returned
      ? { ...returned, callId, tool: returned.tool ?? tool }
      : { callId, content: outputText(outputs), isError: run.status === "error" ? true : "error" in run || run.status === "success" ? false : undefined, tool };
  emitLcResult(parts, scope.line, context, resolved);
}

/**
 * A tool run's arguments. LangChain's tracer logs them as `{input: str(tool_input)}`, read back
 * by toolInputFromText; a `@traceable` tool logs its keyword arguments as they are.
 */
function toolRunArguments(inputs: unknown): unknown {
  if (!isRecord(inputs)) return inputs;
  const keys = Object.keys(inputs);
  if (keys.length !== 1 || keys[0] !== "input" || typeof inputs.input !== "string") return inputs;
  return toolInputFromText(inputs.input);
}

function toolMessageIn(outputs: unknown): LcResultParts | undefined {
  for (const candidate of [asRecord(outputs)?.output, outputs]) {
    const message = lcMessage(candidate);
    if (message?.role === "tool") return toolMessageResult(message.fields);
  }
  return undefined;
}

/** A tool run's output as text: `{output: …}` unwrapped, messages' content, anything else as JSON. */
function outputText(outputs: unknown): string {
  const record = asRecord(outputs);
  const value = record && Object.keys(record).length === 1 && "output" in record ? record.output : outputs;
  const message = lcMessage(value);
  return message ? messageText(message.fields.content) : typeof value === "string" ? value : stringifyJson(value);
}
