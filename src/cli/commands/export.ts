import { parseFlags, intFlag } from "../parse-flags.js";
import { UsageError, EXIT } from "../usage-error.js";
import { startTools } from "../start-tools.js";
import { resolveLogs } from "../open-logs.js";
import { findCall } from "../../engine/logs/find-call.js";
import { exportLoggedCall } from "../../engine/logs/export-logged-call.js";
import { printable } from "../../engine/printable.js";

export async function exportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags("export", argv, {
    call: { type: "string" },
    out: { type: "string" },
    tools: { type: "string", multiple: true },
    mcp: { type: "string", multiple: true },
    format: { type: "string" },
    "allow-side-effects": { type: "boolean" },
    timeout: { type: "string" },
  });
  if (positionals.length !== 1) throw new UsageError("export takes one log: tooldbg export <log> --call ID [--out DIR]");
  if (!values.call) throw new UsageError("--call ID is required: the id of the call to export (see 'tooldbg scan --json' for ids)");
  const timeoutMs = intFlag("timeout", values.timeout, 10_000);
  const [log] = await resolveLogs(positionals, values.format);
  if (!log) throw new UsageError("name a log file");
  const host = values.tools || values.mcp ? await startTools(values.tools ?? [], { timeoutMs, ...(values.mcp ? { mcp: values.mcp } : {}) }) : undefined;
  try {
    const search = await findCall(log.path, log.adapter, values.call, host?.tools);
    if (!search.found) {
      const hint = search.sampleIds.length ? ` (it has ${search.calls} calls, e.g. ${search.sampleIds.join(", ")})` : " (it has no tool calls)";
      throw new UsageError(`no call with id "${values.call}" in ${log.path}${hint}`);
    }
    const result = await exportLoggedCall(search.found, values.out ?? "fixtures", {
      ...(host ? { runner: host } : {}),
      allowSideEffects: values["allow-side-effects"] === true,
      timeoutMs,
    });
    process.stdout.write(printable(`${result.notes.map((n) => `note: ${n}\n`).join("")}fixture: ${result.path}\n`));
    return EXIT.ok;
  } finally {
    await host?.close();
  }
}
