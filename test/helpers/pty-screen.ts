import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pty from "@lydell/node-pty";
import xterm from "@xterm/headless";
import { afterEach } from "vitest";
import { BIN, REPO } from "./run-cli.js";

export { KEY } from "./keys.js";

export interface PtyScreen {
  /** The terminal's visible screen, one string per row, trailing spaces trimmed. */
  text(): string;
  /** Everything the program wrote, raw (for failure messages). */
  readonly output: string;
  /** Poll the screen until it matches; fails with the screen as it was. */
  waitForText(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /**
   * Send one key (one write: Ink reads several characters in one chunk as a paste) and wait for
   * the screen to change. Returns false when it did not change within `timeoutMs` (a key that
   * only ends the program, say).
   */
  press(key: string, timeoutMs?: number): Promise<boolean>;
  resize(columns: number, rows: number): void;
  /** Resolves with the exit code once the program has exited. */
  readonly exited: Promise<number>;
  /** Ends the program (SIGHUP, as a closed terminal does, unless another signal is named). */
  kill(signal?: string): void;
}

export interface SpawnOptions {
  columns?: number;
  rows?: number;
  cwd?: string;
  env?: Record<string, string | undefined>;
}

/** Variables that would make the program behave unlike a person's terminal: CI (Ink stops drawing), keys, colour overrides. */
const DROPPED_ENV = ["CI", "CONTINUOUS_INTEGRATION", "OPENAI_API_KEY", "OPENAI_BASE_URL", "NO_COLOR", "FORCE_COLOR", "EDITOR", "VISUAL"];

function childEnv(extra: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !DROPPED_ENV.includes(key) && !key.startsWith("CI_") && !key.startsWith("VITEST")) env[key] = value;
  env.TERM = "xterm-256color";
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

const QUIET_MS = 60;
const FRAME_MS = 1000;
const tick = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Run the real, built `tooldbg` in a pseudo-terminal and read its screen through a headless
 * xterm, as a person would see it (npm run build first: bin/ loads dist/).
 */
export function spawnTooldbg(args: string[], options: SpawnOptions = {}): PtyScreen {
  const columns = options.columns ?? 100;
  const rows = options.rows ?? 30;
  const terminal = new xterm.Terminal({ cols: columns, rows, allowProposedApi: true, scrollback: 0 });
  const child = pty.spawn(process.execPath, [BIN, ...args], { name: "xterm-256color", cols: columns, rows, cwd: options.cwd ?? REPO, env: childEnv(options.env ?? {}) });
  let output = "";
  let pendingWrites = 0;
  let lastDataAt = Date.now();
  child.onData((data) => {
    output += data;
    lastDataAt = Date.now();
    pendingWrites++;
    terminal.write(data, () => pendingWrites--);
  });
  let exitCode: number | undefined;
  const exited = new Promise<number>((resolve) => {
    child.onExit(({ exitCode: code }) => {
      exitCode = code;
      resolve(code);
    });
  });

  const text = (): string => {
    const buffer = terminal.buffer.active;
    const lines: string[] = [];
    for (let row = 0; row < terminal.rows; row++) lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? "");
    return lines.join("\n").replace(/\n+$/, "");
  };
  const settled = async () => {
    while (pendingWrites > 0) await tick(5);
  };
  /**
   * One frame can reach the terminal in several chunks, so a screen that matches may still be
   * half drawn: wait until the program has written nothing for QUIET_MS (at most FRAME_MS).
   */
  const quiet = async () => {
    const until = Date.now() + FRAME_MS;
    while (Date.now() < until && Date.now() - lastDataAt < QUIET_MS) await tick(10);
    await settled();
  };

  return {
    text,
    get output() {
      return output;
    },
    async waitForText(pattern, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await settled();
        if (pattern.test(text())) {
          await quiet();
          const screen = text();
          if (pattern.test(screen)) return screen;
        }
        const screen = text();
        if (Date.now() > deadline || exitCode !== undefined) {
          if (exitCode !== undefined && pattern.test(text())) return text();
          throw new Error(`${exitCode !== undefined ? `tooldbg exited (${exitCode}) before` : "timed out"} waiting for ${pattern}; screen:\n${screen}\n--- raw output tail:\n${JSON.stringify(output.slice(-1500))}`);
        }
        await tick(20);
      }
    },
    async press(key, timeoutMs = 3000) {
      await settled();
      const before = text();
      child.write(key);
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline && exitCode === undefined) {
        await tick(10);
        await settled();
        if (text() !== before) return true;
      }
      return false;
    },
    resize(newColumns, newRows) {
      terminal.resize(newColumns, newRows);
      child.resize(newColumns, newRows);
    },
    exited,
    kill(signal) {
      if (exitCode === undefined) child.kill(signal);
    },
  };
}

/** Screens and scratch folders for one test file: every one of them is killed or removed after each test. */
export function ptyTestBed(): { spawn(args: string[], options?: SpawnOptions): PtyScreen; scratch(prefix: string): string } {
  const screens: PtyScreen[] = [];
  const dirs: string[] = [];
  afterEach(() => {
    for (const screen of screens.splice(0)) screen.kill();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return {
    spawn(args, options) {
      const screen = spawnTooldbg(args, options);
      screens.push(screen);
      return screen;
    },
    scratch(prefix) {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
  };
}

/** q, then y if the TUI asks first (unsaved work); resolves with the exit code. */
export async function quit(screen: PtyScreen, question: RegExp = /Quit\?|Confirm|\by\b yes/): Promise<number> {
  await screen.press("q");
  const quitting = await Promise.race([screen.exited.then(() => "exited" as const), screen.waitForText(question).then(() => "asked" as const)]);
  if (quitting === "asked") await screen.press("y");
  return screen.exited;
}
