import type { AdvertisedTool, LogToolCall, LogToolResult } from "../../log-events.js";

export interface CallFields {
  callId: string;
  syntheticId?: boolean;
  tool: string;
  arguments: string;
  argumentsRecorded: boolean;
  advertised?: AdvertisedTool[] | undefined;
  model?: string | undefined;
  time?: string | undefined;
  conversation?: string | undefined;
  truncated?: boolean | undefined;
  notes?: readonly string[] | undefined;
  file: string;
  line: number;
}

/** A call event with only the optional fields that carry something (events stay small and comparable). */
export function buildCall(fields: CallFields): LogToolCall {
  const call: LogToolCall = {
    kind: "call",
    callId: fields.callId,
    syntheticId: fields.syntheticId === true,
    tool: fields.tool,
    arguments: fields.arguments,
    argumentsRecorded: fields.argumentsRecorded,
    source: { file: fields.file, line: fields.line },
  };
  if (fields.advertised !== undefined && fields.advertised.length > 0) call.advertised = fields.advertised;
  if (fields.model !== undefined && fields.model !== "") call.model = fields.model;
  if (fields.time !== undefined) call.time = fields.time;
  if (fields.conversation !== undefined && fields.conversation !== "") call.conversation = fields.conversation;
  if (fields.truncated === true) call.truncated = true;
  if (fields.notes !== undefined && fields.notes.length > 0) call.notes = [...fields.notes];
  return call;
}

export interface ResultFields {
  callId: string;
  content: string;
  isError?: boolean | undefined;
  tool?: string | undefined;
  file: string;
  line: number;
}

export function buildResult(fields: ResultFields): LogToolResult {
  const result: LogToolResult = {
    kind: "result",
    callId: fields.callId,
    content: fields.content,
    source: { file: fields.file, line: fields.line },
  };
  if (fields.isError !== undefined) result.isError = fields.isError;
  if (fields.tool !== undefined && fields.tool !== "") result.tool = fields.tool;
  return result;
}
