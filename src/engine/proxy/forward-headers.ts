import type { IncomingHttpHeaders } from "node:http";
import type { RecordedApi } from "./exchange-log.js";

/** Connection-level headers (RFC 9110 §7.6.1): they describe one hop, so they are never passed on. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "proxy-authorization", "proxy-authenticate", "te", "trailer", "transfer-encoding", "upgrade"]);

/**
 * Raw header pairs (names as the sender spelled them, repeats kept) minus hop-by-hop headers and
 * any named by `Connection`. `host`, when given, replaces the Host header: the upstream serves its
 * own name, not the proxy's (TLS and virtual hosting need it).
 */
export function forwardableHeaders(raw: readonly string[], host?: string): string[] {
  const named = new Set<string>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i]?.toLowerCase() === "connection") for (const token of (raw[i + 1] ?? "").split(",")) named.add(token.trim().toLowerCase());
  }
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? "";
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || named.has(lower) || (host !== undefined && lower === "host")) continue;
    out.push(name, raw[i + 1] ?? "");
  }
  if (host !== undefined) out.unshift("Host", host);
  return out;
}

/**
 * The upstream URL for a request path: the upstream's own path is a prefix, so `--upstream
 * https://api.openai.com/v1` is what `OPENAI_BASE_URL` used to be and the app's base URL becomes
 * the proxy's bare address.
 */
export function upstreamTarget(upstream: URL, requestPath: string): URL {
  const prefix = upstream.pathname.replace(/\/+$/, "");
  const path = requestPath.startsWith("/") ? requestPath : `/${requestPath}`;
  return new URL(`${upstream.protocol}//${upstream.host}${prefix}${path}`);
}

/** Node's parsed headers as plain JSON (names lower-cased, repeats as arrays). */
export function headerRecord(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = value;
  return out;
}

/**
 * Which API a request speaks, when the log records it: chat completions (OpenAI, Azure
 * deployments, any compatible server) or creating a Responses API response.
 */
export function recordedApi(method: string | undefined, path: string): RecordedApi | undefined {
  const pathname = path.split("?")[0] ?? "";
  if (/\/chat\/completions\/?$/.test(pathname)) return "chat";
  if (method === "POST" && /\/responses\/?$/.test(pathname)) return "responses";
  return undefined;
}

/** An upstream URL fit to print and log: no user name or password. */
export function upstreamLabel(url: URL): string {
  const clean = new URL(url.href);
  clean.username = "";
  clean.password = "";
  return clean.href.replace(/\/$/, "");
}
