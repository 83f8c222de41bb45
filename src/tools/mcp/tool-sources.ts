import type { ToolCallObserver, ToolCallRequest, ToolHost } from "../../engine/executor/tool-host.js";
import type { ExecutionOutcome } from "../../engine/executor/outcome.js";
import type { ToolRunner } from "../../engine/fixtures/tool-runner.js";
import type { LoadError, ToolSpec } from "../tool-spec.js";
import { FrameHub } from "./frame-hub.js";
import type { McpSource } from "./mcp-source.js";

/** A tool name offered by more than one source: the first one (in --tools, then --mcp order) is used. */
export interface ToolCollision {
  tool: string;
  /** Where the used definition came from. */
  kept: string;
  /** The sources whose definition of the name is ignored. */
  ignored: string[];
}

type Owner = { kind: "host"; host: ToolHost } | { kind: "mcp"; source: McpSource };

/**
 * The tools of `--tools` modules (the isolated worker) and `--mcp` servers behind one
 * ToolRunner: each call goes to the source that owns the tool's name. User code stays out of
 * tooldbg's process either way: in the worker, or in the MCP server's own process.
 */
export class ToolSources implements ToolRunner {
  private owners = new Map<string, Owner>();
  private list: ToolSpec[] = [];
  private collisionList: ToolCollision[] = [];
  /** The host's tool list the routing was built from: a worker restart reloads modules, which may have changed. */
  private builtFrom: readonly ToolSpec[] | undefined;

  constructor(
    readonly host: ToolHost | undefined,
    readonly mcp: readonly McpSource[],
    /** Every JSON-RPC frame of every MCP server (startup frames included). */
    readonly frames: FrameHub = new FrameHub(),
  ) {
    this.route();
  }

  get tools(): readonly ToolSpec[] {
    return this.route().list;
  }

  get collisions(): readonly ToolCollision[] {
    return this.route().collisionList;
  }

  /** Module load problems of the --tools worker (MCP servers either start or fail at startup). */
  get loadErrors(): LoadError[] {
    return this.host?.loadErrors ?? [];
  }

  call(request: ToolCallRequest, observer: ToolCallObserver = {}): Promise<ExecutionOutcome> {
    const owner = this.route().owners.get(request.tool);
    if (owner === undefined) {
      return Promise.resolve({
        status: "error",
        mode: request.mode,
        durationMs: 0,
        console: { stdout: "", stderr: "", droppedBytes: 0 },
        phase: "execute",
        error: { name: "UnknownTool", message: `no tool named "${request.tool}" is loaded` },
      });
    }
    if (owner.kind === "host") return owner.host.call(request, observer);
    return owner.source.call(request, observer);
  }

  private route(): this {
    const hostTools = this.host?.tools ?? [];
    if (this.builtFrom === hostTools) return this;
    this.builtFrom = hostTools;
    const owners = new Map<string, Owner>();
    const list: ToolSpec[] = [];
    const seen = new Map<string, ToolCollision>();
    const collisions: ToolCollision[] = [];
    const add = (spec: ToolSpec, owner: Owner, from: string) => {
      const first = seen.get(spec.name);
      if (first) {
        if (!collisions.includes(first)) collisions.push(first);
        first.ignored.push(from);
        return;
      }
      seen.set(spec.name, { tool: spec.name, kept: from, ignored: [] });
      list.push(spec);
      owners.set(spec.name, owner);
    };
    if (this.host) for (const spec of hostTools) add(spec, { kind: "host", host: this.host }, spec.source.module);
    for (const source of this.mcp) for (const spec of source.tools) add(spec, { kind: "mcp", source }, `--mcp ${source.label}`);
    this.owners = owners;
    this.list = list;
    this.collisionList = collisions;
    return this;
  }

  async close(): Promise<void> {
    await Promise.all([this.host?.close(), ...this.mcp.map((source) => source.close())]);
  }
}
