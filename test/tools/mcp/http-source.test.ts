import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { McpSource } from "../../../src/tools/mcp/mcp-source.js";
import type { McpFrame } from "../../../src/tools/mcp/mcp-frame.js";
import { call, startFailure, startHttpFixture, startSource } from "./mcp-helpers.js";

describe("an MCP server over streamable HTTP", () => {
  let fixture: Awaited<ReturnType<typeof startHttpFixture>>;
  let source: McpSource;
  let frames: McpFrame[];
  beforeAll(async () => {
    fixture = await startHttpFixture();
    ({ source, frames } = await startSource(fixture.url));
  });
  afterAll(async () => {
    await source.close();
    await fixture.stop();
  });

  it("lists the same tools", () => {
    expect(source.tools.map((t) => t.name)).toContain("get_invoice_status");
    expect(source.tools.find((t) => t.name === "delete_invoice")?.sideEffects).toBe(true);
    expect(source.tools[0]?.source.module).toBe(fixture.url);
  });

  it("runs calls and maps their answers", async () => {
    expect(await call(source, "get_invoice_status", { invoice_id: "INV-1" })).toMatchObject({ status: "ok", result: { invoice_id: "INV-1" } });
    expect(await call(source, "lookup_customer", { customer_id: "C" })).toMatchObject({ status: "error", phase: "execute", error: { name: "ToolError" } });
    expect(await call(source, "explode", {})).toMatchObject({ status: "error", error: { message: "database exploded" } });
    expect(await call(source, "hang", {}, 300)).toMatchObject({ status: "timeout", timeoutMs: 300 });
    expect(await call(source, "get_invoice_status", { invoice_id: "INV-2" })).toMatchObject({ status: "ok" });
  });

  it("records the frames", () => {
    expect(frames.filter((f) => f.direction === "out").length).toBeGreaterThan(5);
    expect(frames.filter((f) => f.direction === "in").length).toBeGreaterThan(5);
  });

  it("a server that dies mid-call: crashed, and the next call says it cannot reconnect", async () => {
    const o = await call(source, "crash", {});
    expect(o.status).toBe("crashed");
    if (o.status === "crashed") expect(o.reason).toMatch(/^lost the MCP server at http:\/\/127\.0\.0\.1:\d+\/mcp: /);
    await fixture.stop();
    const next = await call(source, "get_invoice_status", { invoice_id: "INV-3" });
    expect(next.status).toBe("crashed");
    if (next.status === "crashed") expect(next.reason).toContain("could not be reconnected: cannot connect to MCP server at");
  });
});

describe("HTTP endpoints that cannot be used", () => {
  let plain: Server;
  let base: string;
  beforeAll(async () => {
    plain = createServer((_req, res) => res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not Found</h1>"));
    await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => plain.close(() => resolve())));

  it("nothing listening: connection refused", async () => {
    const port = (plain.address() as AddressInfo).port;
    const free = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, "127.0.0.1", () => {
        const p = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(p));
      });
    });
    expect(free).not.toBe(port);
    expect(await startFailure(`http://127.0.0.1:${free}/mcp`)).toBe(`cannot connect to MCP server at http://127.0.0.1:${free}/mcp: connection refused (is the server running?)`);
  });

  it("a web server that is not an MCP endpoint: its HTTP status", async () => {
    const message = await startFailure(`${base}/mcp`);
    expect(message).toMatch(/^MCP server at http:\/\/127\.0\.0\.1:\d+\/mcp answered initialize with HTTP 404: .*\(is this the server's MCP endpoint\?\)$/);
    expect(message).not.toContain("\n");
  });
});
