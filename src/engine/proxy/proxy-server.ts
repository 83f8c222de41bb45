import { Agent as HttpAgent, createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import type { AddressInfo } from "node:net";
import { ExchangeLog } from "./exchange-log.js";
import { forwardExchange, type Exchange } from "./forward-exchange.js";
import { recordedApi } from "./forward-headers.js";
import { proxyErrorBody } from "./upstream-error.js";

export interface ProxyOptions {
  upstream: URL;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  outDir: string;
  timeoutMs: number;
  /** Per body, the most characters logged (a log record the readers accept is 4 MiB at most). */
  maxLoggedChars?: number;
  /** One-line notices for the person running the proxy (log write failures, unrecorded endpoints). */
  onNotice?: (line: string) => void;
}

export interface StopSummary {
  /** Exchanges that were still running when the grace period ended and were cut. */
  aborted: number;
}

export interface RunningProxy {
  url: string;
  port: number;
  log: ExchangeLog;
  /** Stops accepting, lets in-flight exchanges finish for up to `graceMs`, cuts the rest, flushes the log. */
  stop(graceMs: number): Promise<StopSummary>;
}

/** Why the proxy could not start, in a sentence for the user. */
export class ProxyStartError extends Error {
  override name = "ProxyStartError";
}

const DEFAULT_MAX_LOGGED_CHARS = 3 * 1024 * 1024;
const MAX_NOTED_PATHS = 100;

/** Starts the recording proxy on loopback. Resolves once it is listening. */
export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const notice = options.onNotice ?? (() => {});
  const log = new ExchangeLog(options.outDir, notice);
  try {
    await log.open();
  } catch (error) {
    throw new ProxyStartError(`cannot create the log directory ${options.outDir}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const agent = options.upstream.protocol === "https:" ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const inFlight = new Set<Exchange>();
  const writes = new Set<Promise<void>>();
  const noted = new Set<string>();
  let stopping = false;

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    if (stopping) {
      res.writeHead(503, { "content-type": "application/json", connection: "close" }).end(JSON.stringify(proxyErrorBody("proxy_stopped", "tooldbg proxy is shutting down")));
      return;
    }
    if (!(req.url ?? "/").startsWith("/")) {
      // An absolute URL: the app treats this as HTTP(S)_PROXY, which it is not.
      const message = "tooldbg proxy replaces the API base URL: set OPENAI_BASE_URL to its address, not HTTP_PROXY/HTTPS_PROXY";
      res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify(proxyErrorBody("request_rejected", message)));
      return;
    }
    const api = recordedApi(req.method, req.url ?? "/");
    if (!api) noteUnrecorded(req);
    const exchange = forwardExchange(req, res, { upstream: options.upstream, agent, timeoutMs: options.timeoutMs, record: api !== undefined, maxLoggedChars: options.maxLoggedChars ?? DEFAULT_MAX_LOGGED_CHARS });
    inFlight.add(exchange);
    void exchange.done.then((line) => {
      inFlight.delete(exchange);
      if (!line || !api) return;
      const write = log.append(line, api);
      writes.add(write);
      void write.then(() => writes.delete(write));
    });
  };

  const noteUnrecorded = (req: IncomingMessage): void => {
    const key = `${req.method ?? "GET"} ${(req.url ?? "/").split("?")[0] ?? "/"}`;
    if (noted.has(key) || noted.size >= MAX_NOTED_PATHS) return;
    noted.add(key);
    notice(`tooldbg proxy: forwarding ${key} without logging it (only chat completions and Responses API calls are recorded)`);
  };

  const server = createServer(onRequest);
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      const where = `${options.host ?? "127.0.0.1"}:${options.port}`;
      if (error.code === "EADDRINUSE") reject(new ProxyStartError(`port ${options.port} is already in use on ${where}; pick another with --port (0 picks a free one)`));
      else if (error.code === "EACCES") reject(new ProxyStartError(`not allowed to listen on ${where}; pick a port above 1023 with --port`));
      else reject(new ProxyStartError(`cannot listen on ${where}: ${error.message}`));
    });
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  // Once listening, a server error is reported and the proxy keeps serving what it can.
  server.on("error", (error) => notice(`tooldbg proxy: ${error.message}`));

  return {
    url: `http://${address.address}:${address.port}`,
    port: address.port,
    log,
    async stop(graceMs) {
      stopping = true;
      server.close();
      server.closeIdleConnections();
      const running = [...inFlight];
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(running.map((e) => e.done)), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      const cut = [...inFlight];
      for (const exchange of cut) exchange.abort("proxy_stopped", `tooldbg proxy: stopped before the exchange ended (waited ${graceMs} ms)`);
      await Promise.all(cut.map((e) => e.done));
      server.closeAllConnections();
      // Lines of the exchanges that just settled are queued on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.all([...writes]);
      await log.close();
      agent.destroy();
      return { aborted: cut.length };
    },
  };
}
