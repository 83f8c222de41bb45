import { request as httpRequest, type Agent as HttpAgent, type ClientRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { request as httpsRequest, type Agent as HttpsAgent } from "node:https";
import { BodyTap } from "./body-tap.js";
import type { ExchangeErrorKind, ExchangeRecord, LoggedResponse } from "./exchange-record.js";
import { forwardableHeaders, headerRecord, upstreamLabel, upstreamTarget } from "./forward-headers.js";
import { loggedRequest, loggedResponse } from "./logged-parts.js";
import { redactPath } from "./redact-exchange.js";
import { SecretScrub } from "./secret-scrub.js";
import { StreamCapture } from "./stream-capture.js";
import { describeUpstreamError, PROXY_STATUS, proxyErrorBody } from "./upstream-error.js";

export interface ForwardOptions {
  upstream: URL;
  agent: HttpAgent | HttpsAgent;
  /** Longest wait for the upstream's headers, and longest silence between its body chunks. */
  timeoutMs: number;
  /** Whether this exchange is logged (its bodies are then copied aside, up to `maxLoggedChars`). */
  record: boolean;
  maxLoggedChars: number;
}

export interface Exchange {
  /** Settles when the exchange is over: its record when logged. Never rejects. */
  done: Promise<ExchangeRecord | undefined>;
  /** Ends the exchange now (shutdown past its grace period). */
  abort(kind: ExchangeErrorKind, message: string): void;
}

/**
 * Forwards one request to the upstream unchanged (method, path, query, headers but Host and
 * hop-by-hop ones, body bytes) and its response back the same way, each chunk written to the
 * client as it arrives. Logging only watches: the bodies are copied aside while they flow.
 */
export function forwardExchange(req: IncomingMessage, res: ServerResponse, options: ForwardOptions): Exchange {
  const { upstream, record } = options;
  const label = upstreamLabel(upstream);
  const started = performance.now();
  const ts = new Date().toISOString();
  const scrub = new SecretScrub();
  scrub.addFromHeaders(req.rawHeaders);
  const requestTap = record ? new BodyTap(req.headers["content-encoding"], options.maxLoggedChars) : undefined;
  let response: { status: number; headers: Record<string, string | string[]>; stream?: StreamCapture; tap?: BodyTap; made?: unknown } | undefined;
  let failure: { kind: ExchangeErrorKind; message: string } | undefined;
  let idle: NodeJS.Timeout | undefined;
  let settle: (value: ExchangeRecord | undefined) => void = () => {};
  const done = new Promise<ExchangeRecord | undefined>((resolve) => (settle = resolve));
  let finished = false;

  let upstreamRequest: ClientRequest | undefined;
  const elapsed = (): number => Math.round((performance.now() - started) * 10) / 10;

  const armIdle = (): void => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      const waited = response ? "went silent mid-response" : "sent no response";
      fail("upstream_timeout", `tooldbg proxy: upstream ${label} ${waited} for ${options.timeoutMs} ms (--timeout)`);
    }, options.timeoutMs);
  };

  const finish = async (): Promise<void> => {
    if (finished) return;
    finished = true;
    clearTimeout(idle);
    if (!record) {
      settle(undefined);
      return;
    }
    try {
      const requestBody = requestTap ? await requestTap.end() : undefined;
      // The request is redacted first: secret query values it carries are then scrubbed from the response too.
      const loggedReq = loggedRequest(req, requestBody, scrub);
      let logged: LoggedResponse | undefined;
      if (response) {
        // The tap is drained first: a compressed stream's last events are still in the decompressor.
        const tapped = response.tap ? await response.tap.end() : undefined;
        const body = response.stream ? { stream: response.stream.end() } : tapped ? { tap: tapped } : { made: response.made };
        logged = loggedResponse(response.status, response.headers, body, scrub);
      }
      settle({
        ts,
        request: loggedReq,
        ...(logged && { response: logged }),
        ...(failure && { error: { kind: failure.kind, message: scrub.text(failure.message) } }),
        durationMs: elapsed(),
      });
    } catch (error) {
      // A bug in the log's view of the exchange must not lose the line: say what happened, no bodies.
      const why = error instanceof Error ? error.message : String(error);
      settle({
        ts,
        request: { method: req.method ?? "GET", path: redactPath(req.url ?? "/", scrub), headers: {}, bodyNote: `tooldbg could not record this exchange (${why})` },
        ...(failure && { error: { kind: failure.kind, message: scrub.text(failure.message) } }),
        durationMs: elapsed(),
      });
    }
  };

  /** Ends the exchange with a failure: a 502/504 in the OpenAI error shape if nothing was sent yet, else a cut connection. */
  const fail = (kind: ExchangeErrorKind, message: string): void => {
    if (finished || failure) return;
    failure = { kind, message };
    upstreamRequest?.destroy();
    if (kind !== "client_closed" && kind !== "proxy_stopped" && !res.headersSent) {
      const status = PROXY_STATUS[kind];
      const body = proxyErrorBody(kind, message);
      const headers = { "content-type": "application/json" };
      response = { status, headers, made: body };
      res.writeHead(status, headers).end(JSON.stringify(body));
    } else {
      res.destroy();
    }
    void finish();
  };

  // A client that goes away mid-exchange errors these streams; the "close" handler below reports it.
  req.on("error", () => {});
  res.on("error", () => {});
  res.on("close", () => {
    if (!res.writableFinished) fail("client_closed", "tooldbg proxy: the client closed the connection before the response ended");
  });
  req.on("data", (chunk: Buffer) => requestTap?.write(chunk));
  try {
    const target = upstreamTarget(upstream, req.url ?? "/");
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    upstreamRequest = send(target, { method: req.method, headers: forwardableHeaders(req.rawHeaders, upstream.host), agent: options.agent });
  } catch (error) {
    // Node refuses to send some requests it accepted (a header value it will not write, say).
    fail("request_rejected", `tooldbg proxy: cannot forward this request: ${error instanceof Error ? error.message : String(error)}`);
    req.resume();
    return { done, abort: () => {} };
  }
  armIdle();
  upstreamRequest.on("error", (error) => {
    if (!failure) fail("upstream_unreachable", describeUpstreamError(error, label));
  });
  upstreamRequest.on("response", (upstreamResponse) => onResponse(upstreamResponse));
  req.pipe(upstreamRequest);

  function onResponse(upstreamResponse: IncomingMessage): void {
    armIdle();
    const status = upstreamResponse.statusCode ?? 502;
    const headers = headerRecord(upstreamResponse.headers);
    const encoding = upstreamResponse.headers["content-encoding"];
    const isStream = /^text\/event-stream/i.test(upstreamResponse.headers["content-type"] ?? "");
    response = { status, headers };
    if (record && isStream) {
      const stream = new StreamCapture(options.maxLoggedChars);
      response.stream = stream;
      response.tap = new BodyTap(encoding, 0, (text) => stream.push(text));
    } else if (record) {
      response.tap = new BodyTap(encoding, options.maxLoggedChars);
    }
    // Reported by the "close" handler below, with what was received so far.
    upstreamResponse.on("error", () => {});
    try {
      res.writeHead(status, upstreamResponse.statusMessage, forwardableHeaders(upstreamResponse.rawHeaders));
      // Headers go out now: a streaming client starts reading before the first event.
      res.flushHeaders();
    } catch (error) {
      response = undefined;
      fail("upstream_closed", `tooldbg proxy: upstream ${label} sent a response that cannot be passed on (${error instanceof Error ? error.message : String(error)})`);
      return;
    }
    upstreamResponse.on("data", (chunk: Buffer) => {
      armIdle();
      response?.tap?.write(chunk);
      if (!res.write(chunk)) {
        // A slow reader, not a silent upstream: no timeout while the client catches up.
        clearTimeout(idle);
        upstreamResponse.pause();
        res.once("drain", () => {
          armIdle();
          upstreamResponse.resume();
        });
      }
    });
    upstreamResponse.on("end", () => {
      clearTimeout(idle);
      // The body is logged as it was decoded when the client has it all.
      res.end(() => void finish());
    });
    upstreamResponse.on("close", () => {
      if (!upstreamResponse.complete) fail("upstream_closed", `tooldbg proxy: upstream ${label} closed the connection mid-response`);
    });
  }

  return {
    done,
    abort: (kind, message) => fail(kind, message),
  };
}
