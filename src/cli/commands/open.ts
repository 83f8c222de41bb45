import { parseFlags, intFlag } from "../parse-flags.js";
import { UsageError, EXIT } from "../usage-error.js";
import { resolveLogs } from "../open-logs.js";

/**
 * `tooldbg open <log-or-session>...`: the workbench over every logged call, in the TUI. The UI
 * (ink, react) and the tool worker load only once the arguments are known to be good.
 */
export async function openCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags("open", argv, {
    tools: { type: "string", multiple: true },
    mcp: { type: "string", multiple: true },
    format: { type: "string" },
    timeout: { type: "string" },
    out: { type: "string" },
  });
  if (positionals.length === 0) throw new UsageError("open needs a log or session file: tooldbg open <log-or-session>... [--tools MODULE]");
  const timeoutMs = intFlag("timeout", values.timeout, 10_000);
  const logs = await resolveLogs(positionals, values.format, { directories: true });
  if (process.stdin.isTTY !== true || process.stdout.isTTY !== true) {
    const which = process.stdin.isTTY !== true ? "stdin" : "stdout";
    throw new UsageError(`open is a terminal UI, but ${which} is not a terminal; for a report without one, run: tooldbg scan ${positionals.join(" ")}`);
  }
  // Everything slow starts at once: the loading thread (it imports the adapters, then reads once
  // the tools are known), the tool worker (a child process), and this thread's imports of the UI.
  const { startLoadingEarly } = await import("../../engine/workbench/load-calls.js");
  const wantsTools = values.tools !== undefined || values.mcp !== undefined;
  const starting = wantsTools
    ? import("../start-tools.js").then(({ startTools }) => startTools(values.tools ?? [], { timeoutMs, ...(values.mcp ? { mcp: values.mcp } : {}) }))
    : Promise.resolve(undefined);
  const early = startLoadingEarly(logs, starting.then((r) => r?.tools));
  const engine = import("../../engine/workbench/open-workbench.js");
  const ui = import("../../ui/run-app.js");
  engine.catch(() => undefined);
  ui.catch(() => undefined);
  let runner: Awaited<typeof starting>;
  try {
    runner = await starting;
  } catch (error) {
    await early.stop();
    throw error;
  }
  try {
    const { createOpenWorkbench } = await engine;
    // runApp lends the terminal for $EDITOR through attachTerminal.
    const workbench = createOpenWorkbench({ logs, ...(runner ? { runner } : {}), exportDir: values.out ?? "fixtures", timeoutMs, early });
    try {
      const { runApp } = await ui;
      await runApp(workbench);
    } finally {
      // However the UI ended, the loading thread and the tools stop with it.
      if (!workbench.getState().exited) workbench.dispatch({ type: "quit" });
      if (workbench.getState().overlay?.kind === "confirm") workbench.dispatch({ type: "confirm", yes: true });
    }
    await workbench.done;
    return EXIT.ok;
  } finally {
    await runner?.close();
  }
}
