import "./not-ci.js";
import { render } from "ink-testing-library";
import type { Workbench } from "../../src/engine/workbench/workbench-contract.js";
import { App } from "../../src/ui/App.js";

export interface RenderOptions {
  columns?: number;
  rows?: number;
  noColor?: boolean;
}

export interface RenderedApp {
  /** The last frame Ink wrote. */
  frame(): string;
  /** Poll the frame until `predicate` holds (never a fixed sleep); fails with the last frame. */
  waitFor(predicate: (frame: string) => boolean, what?: string, timeoutMs?: number): Promise<string>;
  /** Type raw input, one key per write with a turn of the event loop between (a lone ESC is held that long). */
  press(...keys: string[]): Promise<void>;
  /** Change the terminal's size and wait until the UI has drawn at it. */
  resize(columns: number, rows: number): Promise<void>;
  unmount(): void;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The one way component tests draw the TUI: ink-testing-library's streams, given a terminal size
 * (its stdout reports 100 columns and no rows; we answer for both and send `resize`).
 */
export async function renderApp(workbench: Workbench, options: RenderOptions = {}): Promise<RenderedApp> {
  const size = { columns: options.columns ?? 100, rows: options.rows ?? 30 };
  // The UI reports its size (the `resize` action) after drawing at it: that tells us a frame is current.
  let reported = "";
  const watched: Workbench = {
    getState: () => workbench.getState(),
    subscribe: (listener) => workbench.subscribe(listener),
    dispatch: (action) => {
      if (action.type === "resize") reported = `${action.columns}x${action.rows}`;
      workbench.dispatch(action);
    },
    done: workbench.done,
  };
  const instance = render(<App workbench={watched} noColor={options.noColor ?? false} />);
  Object.defineProperty(instance.stdout, "columns", { get: () => size.columns, configurable: true });
  Object.defineProperty(instance.stdout, "rows", { get: () => size.rows, configurable: true });
  instance.stdout.emit("resize");

  const frame = () => instance.lastFrame() ?? "";
  const waitFor = async (predicate: (frame: string) => boolean, what = "the expected frame", timeoutMs = 5000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = frame();
      if (predicate(current)) return current;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${current}`);
      await tick();
    }
  };
  const rendered: RenderedApp = {
    frame,
    waitFor,
    press: async (...keys) => {
      for (const key of keys) {
        instance.stdin.write(key);
        await tick();
        await tick();
      }
    },
    resize: async (columns, rows) => {
      size.columns = columns;
      size.rows = rows;
      instance.stdout.emit("resize");
      await waitFor(() => reported === `${columns}x${rows}`, `a frame at ${columns}x${rows}`);
    },
    unmount: () => instance.unmount(),
  };
  // The first frame was laid out before the size was known: wait for one at the right size.
  await waitFor(() => reported === `${size.columns}x${size.rows}`, "a frame at the requested size");
  return rendered;
}

export { KEY as KEYS } from "../helpers/keys.js";
