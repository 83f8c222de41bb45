import { intFlag, parseFlags } from "../parse-flags.js";
import { EXIT, UsageError } from "../usage-error.js";
import { logFileFor } from "../../engine/proxy/exchange-log.js";
import { upstreamLabel } from "../../engine/proxy/forward-headers.js";
import { ProxyStartError, startProxy } from "../../engine/proxy/proxy-server.js";
import { printable } from "../../engine/printable.js";

export const DEFAULT_PROXY_PORT = 7878;

export async function proxyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags("proxy", argv, {
    upstream: { type: "string" },
    port: { type: "string" },
    out: { type: "string" },
    timeout: { type: "string" },
    grace: { type: "string" },
  });
  if (positionals.length > 0) throw new UsageError(`proxy takes no positional arguments, got "${positionals[0]}"; use --upstream URL`);
  const upstream = parseUpstream(values.upstream);
  const port = parsePort(values.port);
  const outDir = values.out ?? "logs";
  const timeoutMs = intFlag("timeout", values.timeout, 600_000);
  const graceMs = intFlag("grace", values.grace, 10_000);

  let proxy;
  try {
    proxy = await startProxy({ upstream, port, outDir, timeoutMs, onNotice: (line) => process.stderr.write(printable(`${line}\n`)) });
  } catch (error) {
    if (error instanceof ProxyStartError) throw new UsageError(error.message);
    throw error;
  }
  const today = new Date();
  const logs = `${logFileFor(outDir, today)} (Responses API: ${logFileFor(outDir, today, "responses")})`;
  process.stdout.write(`tooldbg proxy: listening on ${proxy.url} → ${upstreamLabel(upstream)}, logging to ${logs}\n`);

  // The first SIGINT/SIGTERM drains and exits 0; the handlers are gone after it, so a second one quits at once.
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  const summary = await proxy.stop(graceMs);
  const cut = summary.aborted > 0 ? `, ${summary.aborted} cut after ${graceMs} ms` : "";
  process.stderr.write(`tooldbg proxy: ${signal}: stopped; ${proxy.log.lines} exchanges logged${cut}\n`);
  return EXIT.ok;
}

function parseUpstream(value: string | undefined): URL {
  const example = "e.g. --upstream https://api.openai.com/v1";
  if (value === undefined || value === "") throw new UsageError(`--upstream URL is required: where to forward requests (${example})`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--upstream must be an http(s) URL, got "${value}" (${example})`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`--upstream must be an http(s) URL, got "${value}" (${example})`);
  if (url.search || url.hash) throw new UsageError(`--upstream takes a base URL without ?query or #fragment, got "${value}"`);
  return url;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PROXY_PORT;
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port takes a port number from 0 to 65535 (0 picks a free one), got "${value}"`);
  return n;
}
