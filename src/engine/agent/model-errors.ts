import OpenAI from "openai";
import { redactTokens } from "../redact.js";
import type { ModelError } from "./agent-contract.js";

/**
 * One line a person can act on for anything the SDK threw. The server's own message is kept only
 * where it helps (a bad request, an unknown model) and is passed through token redaction: a 401
 * body may echo part of the key.
 */
export function toModelError(error: unknown, baseURL: string, model: string): ModelError {
  if (error instanceof OpenAI.APIConnectionTimeoutError) return { kind: "connection", message: `no answer from ${baseURL} in time: is the server up and reachable?` };
  if (error instanceof OpenAI.APIUserAbortError) return { kind: "other", message: "the model request was cancelled" };
  if (error instanceof OpenAI.APIConnectionError) {
    const cause = socketCause(error);
    const why = cause.code === "ECONNREFUSED" ? "connection refused" : cause.code === "ENOTFOUND" ? "host not found" : (cause.code ?? cause.message ?? "connection failed");
    return { kind: "connection", message: `cannot reach ${baseURL}: ${why}; is the server running? (set --base-url or OPENAI_BASE_URL)` };
  }
  if (error instanceof OpenAI.APIError) {
    const status = error.status;
    const server = serverMessage(error);
    const from = `${status ?? "error"} from ${baseURL}`;
    if (status === 401) return { kind: "auth", status, message: `${from}: the API key was rejected; check OPENAI_API_KEY` };
    if (status === 403) return { kind: "auth", status, message: `${from}: permission denied for this key or model; check OPENAI_API_KEY and --model` };
    if (status === 404) return { kind: "not_found", status, message: `${from}: model "${model}" not found (or the URL has no /chat/completions); check --model and --base-url${server ? ` (${server})` : ""}` };
    if (status === 429) return { kind: "rate_limit", status, message: `${from}: rate limited or out of quota; wait and run again${server ? ` (${server})` : ""}` };
    if (status !== undefined && status >= 500) return { kind: "server", status, message: `${from}: the server failed; try again later${server ? ` (${server})` : ""}` };
    if (status === 400 || status === 422) return { kind: "bad_request", status, message: `${from}: the server rejected the request${server ? `: ${server}` : ""}` };
    return { kind: "other", ...(status !== undefined ? { status } : {}), message: `${from}${server ? `: ${server}` : ""}` };
  }
  return { kind: "other", message: `the model request failed: ${oneLine(error instanceof Error ? error.message : String(error))}` };
}

/** undici wraps the socket error: fetch failed → cause (maybe an AggregateError) → code. */
function socketCause(error: Error): { code?: string; message?: string } {
  let cause: unknown = (error as { cause?: unknown }).cause;
  let message: string | undefined;
  for (let depth = 0; depth < 4 && typeof cause === "object" && cause !== null; depth++) {
    const { code, message: text, errors } = cause as { code?: unknown; message?: unknown; errors?: unknown };
    if (typeof code === "string") return { code };
    if (typeof text === "string" && text !== "" && text !== "fetch failed") message = oneLine(text);
    cause = Array.isArray(errors) && errors.length > 0 ? errors[0] : (cause as { cause?: unknown }).cause;
  }
  return message !== undefined ? { message } : {};
}

function serverMessage(error: InstanceType<typeof OpenAI.APIError>): string | undefined {
  const body = error.error as { message?: unknown } | undefined;
  const text = typeof body?.message === "string" ? body.message : undefined;
  return text === undefined || text.trim() === "" ? undefined : oneLine(redactTokens(text)).slice(0, 200);
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, " ").trim();
