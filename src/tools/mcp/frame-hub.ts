import { deliverFrame, type McpFrame, type McpFrameListener } from "./mcp-frame.js";

/** How many recent frames are kept for a listener that subscribes late (a session opened after startup). */
const KEPT_FRAMES = 2_000;

/** Every MCP frame of every server, to whoever listens, plus the most recent ones kept in order. */
export class FrameHub {
  private readonly listeners = new Set<McpFrameListener>();
  private readonly kept: McpFrame[] = [];
  private droppedCount = 0;

  readonly emit = (frame: McpFrame): void => {
    this.kept.push(frame);
    if (this.kept.length > KEPT_FRAMES) {
      this.kept.shift();
      this.droppedCount++;
    }
    deliverFrame(this.listeners, frame);
  };

  /** With `replay`, the kept frames (initialize, tools/list…) are delivered first. Returns the unsubscribe function. */
  subscribe(listener: McpFrameListener, opts: { replay?: boolean } = {}): () => void {
    if (opts.replay) for (const frame of this.kept) deliverFrame([listener], frame);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The kept frames, oldest first. */
  get frames(): readonly McpFrame[] {
    return this.kept;
  }

  /** Frames no longer kept (they still went to the listeners). */
  get dropped(): number {
    return this.droppedCount;
  }
}
