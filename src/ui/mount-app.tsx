import { render } from "ink";
import type { Workbench } from "../engine/workbench/workbench-contract.js";
import { App } from "./App.js";

export interface MountOptions {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  noColor: boolean;
  maxFps: number;
  /** Route console.* above the frame (Ink's default); tests whose console is replaced say false. */
  patchConsole?: boolean;
}

export interface MountedApp {
  unmount(): void;
  /** Rejects when rendering failed (Ink unmounts on a render error). */
  failed: Promise<never>;
}

/** Draw the App with Ink until unmounted. Kept apart from run-app so React loads only when drawing starts. */
export function mountApp(workbench: Workbench, options: MountOptions): MountedApp {
  const instance = render(<App workbench={workbench} noColor={options.noColor} />, {
    stdin: options.stdin,
    stdout: options.stdout,
    stderr: options.stderr,
    // ctrl+c is a key like any other: the keymap turns it into quit (which asks if work is unsaved).
    exitOnCtrlC: false,
    maxFps: options.maxFps,
    patchConsole: options.patchConsole ?? true,
  });
  const failed = instance.waitUntilExit().then(
    () => new Promise<never>(() => undefined),
    (error: unknown) => Promise.reject(error instanceof Error ? error : new Error(String(error))),
  );
  return { unmount: () => instance.unmount(), failed };
}
