import "./not-ci.js";
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { createTerminalHandoff, runApp } from "../../src/ui/run-app.js";
import { FakeWorkbench } from "./fake-workbench.js";
import { pausedBadCallState } from "./fixture-states.js";

/** A terminal's two streams, enough for Ink: raw mode, size, resize events, frames kept. */
class FakeTty extends EventEmitter {
  isTTY = true;
  columns = 120;
  rows = 40;
  rawMode = false;
  written = "";
  private pending: string[] = [];
  write(chunk: string) {
    this.written += chunk;
    this.emit("written");
    return true;
  }
  setRawMode(on: boolean) {
    this.rawMode = on;
  }
  setEncoding() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read() {
    return this.pending.shift() ?? null;
  }
  type(data: string) {
    this.pending.push(data);
    this.emit("readable");
  }
}

const until = async (condition: () => boolean, what: string) => {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

function start(workbench: FakeWorkbench, handoff = createTerminalHandoff()) {
  const tty = new FakeTty();
  const running = runApp(workbench, { stdin: tty as unknown as NodeJS.ReadStream, stdout: tty as unknown as NodeJS.WriteStream, stderr: tty as unknown as NodeJS.WriteStream, handoff, patchConsole: false });
  return { tty, running, handoff };
}

describe("runApp", () => {
  it("draws on the alternate screen, reports resizes, and resolves once the workbench has exited", async () => {
    const workbench = new FakeWorkbench(pausedBadCallState());
    const { tty, running } = start(workbench);
    await until(() => tty.written.includes("Findings (2)"), "the first frame");
    expect(tty.written.startsWith("\x1b[?1049h")).toBe(true);
    expect(tty.rawMode).toBe(true);
    await until(() => workbench.actionsOf("resize").some((a) => a.columns === 120 && a.rows === 40), "the first size");
    tty.columns = 80;
    tty.rows = 24;
    tty.emit("resize");
    await until(() => workbench.actionsOf("resize").some((a) => a.columns === 80 && a.rows === 24), "the resize");
    tty.type("q");
    await running;
    expect(workbench.getState().exited).toBe(true);
    expect(tty.written.endsWith("\x1b[?1049l\x1b[?25h")).toBe(true);
    expect(tty.rawMode).toBe(false);
  });

  it("suspend releases the terminal (raw mode off, no drawing) and takes it back after", async () => {
    const workbench = new FakeWorkbench(pausedBadCallState());
    const { tty, running, handoff } = start(workbench);
    await until(() => tty.written.includes("Findings (2)"), "the first frame");
    const during = await handoff.suspend(async () => {
      const snapshot = { rawMode: tty.rawMode, length: tty.written.length };
      workbench.dispatch({ type: "move", delta: -1 }); // the state moves on while the UI is away
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { ...snapshot, drewMeanwhile: tty.written.length !== snapshot.length };
    });
    expect(during.rawMode).toBe(false);
    expect(during.drewMeanwhile).toBe(false);
    await until(() => tty.rawMode, "raw mode back");
    // eslint-disable-next-line no-control-regex -- stripping the escape codes Ink wrote is the point
    const afterRemount = () => tty.written.slice(tty.written.lastIndexOf("\x1b[?1049h")).replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "");
    await until(() => afterRemount().includes("› model #1"), "a fresh frame of the current state").catch((error: unknown) => {
      throw new Error(`${String(error)}\n${JSON.stringify(afterRemount().slice(0, 800))}`);
    });
    workbench.set({ exited: true });
    await running;
  });

  it("keeps NODE_ENV as it found it (the tool worker inherits the environment)", async () => {
    const before = process.env.NODE_ENV;
    const workbench = new FakeWorkbench(pausedBadCallState({ exited: true }));
    await start(workbench).running;
    expect(process.env.NODE_ENV).toBe(before);
  });
});
