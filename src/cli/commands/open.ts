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
  const logs = await resolveLogs(positionals, values.format);
  if (process.stdin.isTTY !== true || process.stdout.isTTY !== true) {
    const which = process.stdin.isTTY !== true ? "stdin" : "stdout";
    throw new UsageError(`open is a terminal UI, but ${which} is not a terminal; for a report without one, run: tooldbg scan ${positionals.join(" ")}`);
  }
  // Imports overlap the tool worker's start (a child process); the log's loading thread starts
  // as soon as the workbench exists, so it reads while the UI is still being imported.
  const engine = import("../../engine/workbench/open-workbench.js");
  const ui = import("../../ui/run-app.js");
  engine.catch(() => undefined);
  ui.catch(() => undefined);
  const { startTools } = await import("../start-tools.js");
  const runner = values.tools || values.mcp ? await startTools(values.tools ?? [], { timeoutMs, ...(values.mcp ? { mcp: values.mcp } : {}) }) : undefined;
  try {
    const { createOpenWorkbench } = await engine;
    // runApp lends the terminal for $EDITOR through attachTerminal.
    const workbench = createOpenWorkbench({ logs, ...(runner ? { runner } : {}), exportDir: values.out ?? "fixtures", timeoutMs });
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
