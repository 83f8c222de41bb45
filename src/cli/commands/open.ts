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
  // The UI takes a while to import: it loads while the tool worker starts (a child process).
  const modules = Promise.all([import("../../engine/workbench/open-workbench.js"), import("../../ui/run-app.js")]);
  modules.catch(() => undefined);
  const { startTools } = await import("../start-tools.js");
  const runner = values.tools || values.mcp ? await startTools(values.tools ?? [], { timeoutMs, ...(values.mcp ? { mcp: values.mcp } : {}) }) : undefined;
  try {
    const [{ createOpenWorkbench }, { runApp, createTerminalHandoff }] = await modules;
    const handoff = createTerminalHandoff();
    const workbench = createOpenWorkbench({ logs, ...(runner ? { runner } : {}), exportDir: values.out ?? "fixtures", timeoutMs, handoff });
    await runApp(workbench, { handoff });
    if (!workbench.getState().exited) workbench.dispatch({ type: "quit" });
    await workbench.done;
    return EXIT.ok;
  } finally {
    await runner?.close();
  }
}
