import type { ExchangeErrorKind } from "./exchange-record.js";

/** The status a client gets when the proxy, not the upstream, ends the exchange. */
export const PROXY_STATUS: Record<Exclude<ExchangeErrorKind, "client_closed" | "proxy_stopped">, number> = {
  upstream_unreachable: 502,
  upstream_timeout: 504,
  upstream_closed: 502,
  request_rejected: 400,
};

/** An error body in the OpenAI error shape, so SDKs surface the message as they would OpenAI's own. */
export function proxyErrorBody(kind: ExchangeErrorKind, message: string): { error: { message: string; type: string; param: null; code: string } } {
  return { error: { message, type: "proxy_error", param: null, code: kind } };
}

/** A network error in words a person can act on: which upstream, and what the socket said. */
export function describeUpstreamError(error: unknown, upstream: string): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : undefined;
  const detail = error instanceof Error ? error.message : String(error);
  if (code === "ECONNREFUSED") return `tooldbg proxy: cannot reach upstream ${upstream}: connection refused (is it running?)`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `tooldbg proxy: cannot resolve the upstream host of ${upstream} (${detail})`;
  return `tooldbg proxy: upstream ${upstream} failed: ${detail}`;
}
