import { parseFlags, intFlag } from "../parse-flags.js";
import { UsageError, EXIT } from "../usage-error.js";
import { styleFor, type Style } from "../style.js";
import { renderFinding, renderOutcome, truncate } from "../render.js";
import { resolveLogs } from "../open-logs.js";
import { sizedLogPaths, type LogListing } from "../log-paths.js";
import { isStdin } from "../../engine/logs/stdin-log.js";
import { printable } from "../../engine/printable.js";
import { SCAN_FLAGS } from "./scan-flags.js";
import type { LogFileSummary } from "../../engine/logs/read-log.js";
import type { ScanSummary, Tally } from "../../engine/logs/scan-summary.js";
import { mostlyFrom, type ScanProblem } from "../../engine/logs/scan-problems.js";
import type { ConversationFinding, ScannedCall } from "../../engine/logs/scanned-call.js";
import { SpoolUnavailableError, writeScanDocument } from "../../engine/logs/json-call-spool.js";
import { scanInWorker, prestartScanThread, scanThreadsFromEnv, OutputClosedError, ScanOutOfMemoryError, type PrestartedScanThread } from "../../engine/logs/scan-in-worker.js";
import type { ToolRunner } from "../../engine/fixtures/tool-runner.js";
import type { ToolSources } from "../../tools/mcp/tool-sources.js";

/** The scanning thread writes --jsonl lines to stdout itself, so they never pass through this thread. */
const STDOUT_FD = 1;

/**
 * `prestarted`: a scanning thread started before this module loaded (the CLI's entry starts one);
 * stopped when unused. `listed`: the logs as that entry listed them to size them, read as they are
 * when the command line names the same paths.
 */
export async function scanCommand(argv: string[], prestarted?: PrestartedScanThread, listed?: LogListing): Promise<number> {
  let flags: ReturnType<typeof parseScanFlags>;
  try {
    flags = parseScanFlags(argv);
  } catch (error) {
    await prestarted?.cancel();
    throw error;
  }
  const { values, positionals, timeoutMs } = flags;
  // --execute needs the tool worker: it scans on this thread. Otherwise the scanning thread loads
  // while the logs are checked and their formats detected.
  const inThread = !values.execute;
  if (!inThread) await prestarted?.cancel();
  const sized = inThread && !prestarted ? sizedLogPaths(positionals) : undefined;
  const listing = sized ? sized.listing : listed;
  const started = inThread ? (prestarted ?? prestartScanThread({ ...scanThreadsFromEnv(), logs: sized?.files ?? [] })) : undefined;
  let logs: Awaited<ReturnType<typeof resolveLogs>>;
  let host: ToolSources | undefined;
  try {
    logs = await resolveLogs(positionals, values.format, { stdin: true, directories: true, ...(listing ? { listed: listing } : {}) });
    // Loaded only when needed, like runScan below: tsx, MCP and the diagnosis modules add tens of MB
    // to this thread's heap, which counts against the scan's memory cap while it sits idle.
    host = values.tools || values.mcp ? await (await import("../start-tools.js")).startTools(values.tools ?? [], { timeoutMs, ...(values.mcp ? { mcp: values.mcp } : {}) }) : undefined;
  } catch (error) {
    await started?.cancel();
    throw error;
  }
  const stopInterrupts = logs.some((log) => isStdin(log.path)) ? finishOnInterrupt() : undefined;
  try {
    return await scan(logs, host, { ...values, timeoutMs, ...(started ? { started } : {}) });
  } finally {
    stopInterrupts?.();
    await host?.close();
  }
}

/**
 * Ctrl-C while stdin is read (`kubectl logs -f | tooldbg scan -`) reaches the writer too, which
 * ends, and so does stdin: the scan finishes what it read and prints its report instead of dying
 * without one. The handler then goes, so a second Ctrl-C stops at once, as Ctrl-C does
 * (process.exit would wait for the read of stdin still blocked in the scanning thread). Returns
 * the function that removes the handler.
 */
function finishOnInterrupt(): () => void {
  const onInterrupt = () => {
    process.off("SIGINT", onInterrupt);
    process.stderr.write("tooldbg: interrupted: finishing the calls read so far (Ctrl-C again to stop now)\n");
  };
  process.on("SIGINT", onInterrupt);
  return () => process.off("SIGINT", onInterrupt);
}

function parseScanFlags(argv: string[]) {
  const { values, positionals } = parseFlags("scan", argv, SCAN_FLAGS);
  if (values.json && values.jsonl) throw new UsageError("choose one of --json and --jsonl");
  if (values.execute && !values.tools && !values.mcp) throw new UsageError("--execute needs --tools MODULE or --mcp CMD_OR_URL: the tools to run");
  return { values, positionals, timeoutMs: intFlag("timeout", values.timeout, 10_000) };
}

async function scan(
  logs: Awaited<ReturnType<typeof resolveLogs>>,
  host: ToolRunner | undefined,
  opts: { json?: boolean; jsonl?: boolean; execute?: boolean; format?: string; "allow-side-effects"?: boolean; timeoutMs: number; started?: PrestartedScanThread },
): Promise<number> {
  const write = (text: string) => process.stdout.write(text);
  const output = opts.json ? "json" : opts.jsonl ? "jsonl" : "human";
  const tools = host?.tools;
  // --execute needs the tool worker: it runs here. Otherwise the pipeline runs in a heap-capped
  // thread so memory stays bounded (it writes --jsonl lines and the --json document itself).
  const scanned = opts.execute
    ? (await import("../../engine/logs/run-scan.js")).runScan(logs, {
        output,
        ...(tools ? { tools } : {}),
        ...(opts.execute && host ? { execute: { runner: host, allowSideEffects: opts["allow-side-effects"] === true, timeoutMs: opts.timeoutMs } } : {}),
      }, write)
    : scanInWorker(logs, { output, fd: STDOUT_FD, ...(tools ? { tools } : {}), ...(opts.started ? { started: opts.started } : scanThreadsFromEnv()) }, write);
  const result = await scanned.catch((error: unknown) => {
    if (error instanceof OutputClosedError) return undefined;
    if (error instanceof ScanOutOfMemoryError || error instanceof SpoolUnavailableError) throw new UsageError(error.message);
    throw error;
  });
  // The reader of the output went away (`| head`): nothing more to say, and no one to say it to.
  if (!result) return EXIT.outputClosed;
  const { files, kept, issues, summary, problems } = result;

  if (output === "jsonl") write(`${JSON.stringify({ tooldbg: "scan/1", files, ...(issues.length ? { conversation: issues } : {}), summary })}\n`);
  else if (output === "json") {
    // Written by the scanning thread, or here after an --execute scan.
    if (result.spool) await writeScanDocument(result, writeDrained);
  }
  else {
    const s = styleFor(process.stdout);
    write(s.shown(renderHuman(files, kept, issues, summary, problems, s)));
  }
  const failing = summary.failing > 0 || issues.some((i) => i.finding.severity === "error");
  // A log nothing could be read from is an input error, like one that cannot be opened: a wrong
  // --format (or a binary file) must not pass a CI gate as "0 tool calls, 0 failing".
  const unread = files.filter((f) => f.allLinesBad);
  for (const f of unread) process.stderr.write(printable(`tooldbg: no line of ${f.path} could be read as ${f.format}${opts.format ? " (--format)" : ""}: nothing in it was scanned\n`));
  if (unread.length > 0) return EXIT.usage;
  return failing ? EXIT.failures : EXIT.ok;
}

/** Writes to stdout, waiting while its buffer is full (the --json document is written call by call). */
function writeDrained(text: string): Promise<void> | undefined {
  if (process.stdout.write(text)) return undefined;
  return new Promise((resolve) => {
    const done = () => {
      process.stdout.off("drain", done).off("close", done).off("error", done);
      resolve();
    };
    process.stdout.on("drain", done).on("close", done).on("error", done);
  });
}

function renderHuman(files: LogFileSummary[], failing: ScannedCall[], issues: ConversationFinding[], summary: ScanSummary, problems: ScanProblem[], s: Style): string {
  const out: string[] = fileLines(files, s);
  out.push("", `${s.bold(String(summary.calls))} tool ${summary.calls === 1 ? "call" : "calls"}, ${summary.failing > 0 ? s.red(`${summary.failing} failing`) : s.green("0 failing")}`);
  const codes = Object.entries(summary.byCode).sort((a, b) => b[1] - a[1]);
  if (codes.length) out.push(`  by code:  ${codes.map(([c, n]) => `${c} ${n}`).join(" · ")}`);
  out.push(...tallyLines("by tool: ", summary.byTool), ...tallyLines("by model:", summary.byModel));
  out.push(...problemLines(problems, Object.keys(summary.byModel).length, s));
  if (failing.length) out.push("", s.bold("Failing calls"));
  for (const c of failing) {
    const where = `${c.source.file}:${c.source.line}`;
    out.push("", `${s.bold(c.tool)} ${s.dim(c.callId)}  ${where}${c.model ? `  ${c.model}` : ""}`);
    out.push(`  arguments: ${truncate(c.arguments, 500)}${c.argumentsRecorded ? "" : s.dim("  (raw arguments not recorded)")}`);
    out.push(...c.diagnoses.map((f) => renderFinding(f, s)));
    for (const note of c.notes ?? []) out.push(`  ${s.dim(`note: ${note}`)}`);
    if (c.result) out.push(`  ${s.dim("logged result:")} ${truncate(c.result.content.replace(/\s+/g, " "), 300)}`);
    if (c.execution) out.push(`  ${s.dim("re-executed:")} ${renderOutcome(c.execution, s).replace(/\n/g, "\n  ")}`);
  }
  if (summary.failing > failing.length) out.push("", s.dim(`… ${summary.failing - failing.length} more failing calls (use --json or --jsonl for all)`));
  // Findings of the conversation, not of one call shown above (a result answering no call): their own section.
  if (issues.length) out.push("", s.bold("Conversation"));
  for (const i of issues.slice(0, 50)) out.push(renderFinding(i.finding, s) + s.dim(`  (${i.source.file}:${i.source.line})`));
  if (issues.length > 50) out.push(s.dim(`  … ${issues.length - 50} more (use --json or --jsonl for all)`));
  return `${out.join("\n")}\n`;
}

/** Past this many logs (a directory of them), the report gives their totals, not a header per log. */
const MAX_FILE_HEADERS = 20;
/** Bad lines listed, per log or, past MAX_FILE_HEADERS logs, in all. */
const MAX_BAD_LINES_SHOWN = 20;

function fileLines(files: readonly LogFileSummary[], s: Style): string[] {
  const out: string[] = [];
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  /** The first bad lines of these logs, in order, and how many more there are. */
  const badLines = (of: readonly LogFileSummary[]) => {
    let shown = 0;
    let total = 0;
    for (const f of of) {
      total += f.errors.length;
      for (const e of f.errors) {
        if (shown === MAX_BAD_LINES_SHOWN) break;
        out.push(`  ${s.yellow("!")} ${f.path}:${e.line}: ${e.message}`);
        shown++;
      }
    }
    if (total > shown) out.push(`  … ${plural(total - shown, "more bad line", "more bad lines")} (--json lists them)`);
  };
  if (files.length <= MAX_FILE_HEADERS) {
    for (const f of files) {
      const bad = f.errors.length ? s.yellow(`, ${plural(f.errors.length, "bad line", "bad lines")} skipped`) : "";
      out.push(`${s.bold(f.path)}  ${f.format}, ${plural(f.records, "line", "lines")}${bad}`);
      badLines([f]);
    }
    return out;
  }
  const formats = new Map<string, number>();
  for (const f of files) formats.set(f.format, (formats.get(f.format) ?? 0) + 1);
  const lines = files.reduce((n, f) => n + f.records, 0);
  const errors = files.reduce((n, f) => n + f.errors.length, 0);
  const withErrors = files.filter((f) => f.errors.length > 0).length;
  const bad = errors ? s.yellow(`, ${plural(errors, "bad line", "bad lines")} skipped in ${plural(withErrors, "log", "logs")}`) : "";
  out.push(`${s.bold(`${files.length} logs`)}  ${[...formats].map(([format, n]) => `${format} ${n}`).join(" · ")}, ${plural(lines, "line", "lines")}${bad}`);
  badLines(files);
  return out;
}

/**
 * The problems failing calls share, most frequent first: shown once one recurs (a log of a few
 * distinct failures says as much in its list of calls).
 */
function problemLines(problems: readonly ScanProblem[], models: number, s: Style): string[] {
  if (!problems.some((p) => p.calls > 1)) return [];
  const what = problems.map((p) => `${p.code}${p.path ? ` ${p.path}` : ""}`);
  // Columns, as wide as their longest entry up to a point (a long name only pushes its own row).
  const countWidth = String(problems[0]?.calls ?? 0).length;
  const toolWidth = Math.min(32, Math.max(...problems.map((p) => p.tool.length)));
  const whatWidth = Math.min(48, Math.max(...what.map((w) => w.length)));
  return [
    "",
    s.bold("Top problems"),
    ...problems.map((p, i) => {
      const mostly = mostlyFrom(p, models);
      const from = mostly ? `  mostly ${mostly.model} (${Math.round(mostly.share * 100)}%)` : "";
      return `  ${String(p.calls).padStart(countWidth)}  ${p.tool.padEnd(toolWidth)}  ${(what[i] ?? "").padEnd(whatWidth)}${from}  ${s.dim(`first: ${p.first.file}:${p.first.line} ${p.first.callId}`)}`;
    }),
  ];
}

function tallyLines(label: string, table: Record<string, Tally>): string[] {
  const rows = Object.entries(table).sort((a, b) => b[1].failing - a[1].failing || b[1].calls - a[1].calls);
  if (rows.length === 0) return [];
  const shown = rows.slice(0, 12).map(([k, t]) => `${k} ${t.failing}/${t.calls} failing`);
  return [`  ${label} ${shown.join(" · ")}${rows.length > 12 ? ` · … ${rows.length - 12} more` : ""}`];
}
