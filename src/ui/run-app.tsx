import type { TerminalHandoff, Workbench } from "../engine/workbench/workbench-contract.js";
import type * as MountModule from "./mount-app.js";
import type { MountedApp } from "./mount-app.js";
import { noColorRequested } from "./theme.js";

export interface RunAppOptions {
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  /** Default: the NO_COLOR environment variable. */
  noColor?: boolean;
  /** A handoff made with createTerminalHandoff() and already given to the workbench. */
  handoff?: AttachableTerminalHandoff;
  /** Ink's frame cap (default 60). */
  maxFps?: number;
  /** Default true: stray console output is printed above the frame instead of through it. */
  patchConsole?: boolean;
}

/** How runApp lends the terminal: stop drawing and give the keyboard back, then take both again. */
interface TerminalHost {
  release(): void;
  retake(): void;
}

/** A TerminalHandoff the workbench can hold before the UI exists; runApp attaches to it. */
export interface AttachableTerminalHandoff extends TerminalHandoff {
  attach(host: TerminalHost | undefined): void;
}

/**
 * Build the handoff first, give it to the workbench, then pass it to runApp. Before runApp has
 * attached (or after it returned) suspend just runs the function: nothing holds the terminal.
 */
export function createTerminalHandoff(): AttachableTerminalHandoff {
  let host: TerminalHost | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    attach(next) {
      host = next;
    },
    suspend<T>(run: () => Promise<T>): Promise<T> {
      // One hand-off at a time: a second E while $EDITOR is open waits its turn.
      const turn = queue.then(async () => {
        const lent = host;
        lent?.release();
        try {
          return await run();
        } finally {
          lent?.retake();
        }
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}

const ENTER_ALT_SCREEN = "\x1b[?1049h\x1b[H";
const LEAVE_ALT_SCREEN = "\x1b[?1049l";
const SHOW_CURSOR = "\x1b[?25h";

type ReadHandle = { reading?: boolean; readStop?: () => number; readStart?: () => number };
const readHandle = (stream: NodeJS.ReadStream): ReadHandle | undefined => (stream as unknown as { _handle?: ReadHandle })._handle;

/**
 * Stop reading the terminal while another program has it. pause() alone does not: a TTY stream
 * keeps its read running and buffers whatever is typed, racing the editor for every line (seen in
 * the pty test as an editor that never got its newline). Returns how to start reading again: the
 * stream still believes a read is in flight, so it would not start one itself.
 */
function stopReading(stream: NodeJS.ReadStream): () => void {
  stream.pause();
  const handle = readHandle(stream);
  if (handle?.reading !== true || typeof handle.readStop !== "function" || typeof handle.readStart !== "function") return () => undefined;
  handle.readStop();
  handle.reading = false;
  return () => {
    if (handle.reading === true) return;
    handle.reading = true;
    handle.readStart?.();
  };
}

function waitForExit(workbench: Workbench): Promise<void> {
  return new Promise((resolve) => {
    const unsubscribe = workbench.subscribe(() => {
      if (!workbench.getState().exited) return;
      unsubscribe();
      resolve();
    });
    if (workbench.getState().exited) {
      unsubscribe();
      resolve();
    }
  });
}

/**
 * React picks its development or production build from NODE_ENV when first loaded; the
 * development one costs several times the CPU per frame, and shells rarely set NODE_ENV. So the
 * drawing half is imported with NODE_ENV=production when it is unset, and the variable is put back
 * at once: the tool worker and user code inherit this process's environment and must see theirs.
 */
async function loadMountApp(): Promise<typeof MountModule> {
  const forced = process.env.NODE_ENV === undefined;
  if (forced) process.env.NODE_ENV = "production";
  try {
    return await import("./mount-app.js");
  } finally {
    if (forced) delete process.env.NODE_ENV;
  }
}

/**
 * Draw the workbench until it says it has exited. The terminal's alternate screen keeps the
 * user's scrollback intact; for $EDITOR the Ink tree is unmounted (raw mode off, input released)
 * and mounted again afterwards: all state lives in the workbench, so nothing is lost.
 */
export async function runApp(workbench: Workbench, options: RunAppOptions = {}): Promise<void> {
  const { mountApp } = await loadMountApp();
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const noColor = options.noColor ?? noColorRequested(process.env);
  const fullScreen = stdout.isTTY === true;
  let mounted: MountedApp | undefined;
  let failed: ((error: unknown) => void) | undefined;
  const failure = new Promise<never>((_, reject) => {
    failed = reject;
  });

  const mount = () => {
    if (fullScreen) stdout.write(ENTER_ALT_SCREEN);
    const app = mountApp(workbench, { stdin, stdout, stderr, noColor, maxFps: options.maxFps ?? 60, patchConsole: options.patchConsole ?? true });
    mounted = app;
    app.failed.catch((error: unknown) => failed?.(error));
  };
  const unmount = () => {
    const current = mounted;
    mounted = undefined;
    current?.unmount();
    if (current && fullScreen) stdout.write(LEAVE_ALT_SCREEN + SHOW_CURSOR);
  };
  // A process ending some other way (a signal) still gives the user their screen back.
  const restoreOnExit = () => {
    if (mounted && fullScreen) stdout.write(LEAVE_ALT_SCREEN + SHOW_CURSOR);
  };

  const handoff = options.handoff ?? createTerminalHandoff();
  let exited = false;
  let startReading: (() => void) | undefined;
  handoff.attach({
    release: () => {
      unmount();
      startReading = stopReading(stdin);
    },
    retake: () => {
      startReading?.();
      startReading = undefined;
      if (!exited) mount();
    },
  });
  workbench.attachTerminal?.(handoff);

  process.once("exit", restoreOnExit);
  mount();
  try {
    await Promise.race([waitForExit(workbench), failure]);
  } finally {
    exited = true;
    handoff.attach(undefined);
    unmount();
    process.off("exit", restoreOnExit);
  }
}
