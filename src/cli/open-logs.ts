import { accessSync, constants, statSync } from "node:fs";
import { isatty } from "node:tty";
import { UsageError } from "./usage-error.js";
import { LOG_FORMATS, type LogAdapter, type LogFormat } from "../engine/logs/log-events.js";
import { adapterFor } from "../engine/logs/adapter-table.js";
import { detectFormat, detectStdinFormat, type Detection } from "../engine/logs/detect-format.js";
import { isStdin, STDIN_PATH } from "../engine/logs/stdin-log.js";
import { printable } from "../engine/printable.js";
import { listLogPaths, type LogListing } from "./log-paths.js";

/** Files of a directory skipped for their format that are named one by one; the rest are counted. */
const MAX_SKIP_WARNINGS = 5;

const isFormat = (value: string): value is LogFormat => (LOG_FORMATS as readonly string[]).includes(value);

/** A log to read: its path (`-` for stdin), its format's adapter, and for stdin the bytes detection took from it. */
export interface ResolvedLog {
  path: string;
  adapter: LogAdapter;
  head?: Buffer;
}

/**
 * Check every log is a readable file and settle its format (given or detected), before any work
 * starts. With `stdin`, `-` names standard input (once): a log piped in. An empty file (a log
 * just rotated, one nothing was written to yet) has no format to tell and nothing to read: it is
 * skipped with a warning, so one of them does not fail a scan of many; when every log named is
 * empty there is nothing to do, which is an error. With `directories`, a directory stands for the
 * files in it (see listLogPaths); one of those whose format cannot be told (a README, a core
 * dump) is skipped with a warning, not an error, unless none is left; `listed` is a listing of these
 * very paths made moments before (see sizedLogPaths), read instead of listing them again.
 */
export async function resolveLogs(paths: readonly string[], format: string | undefined, opts: { stdin?: boolean; directories?: boolean; listed?: LogListing } = {}): Promise<ResolvedLog[]> {
  if (paths.length === 0) throw new UsageError("name at least one log file");
  let forced: LogAdapter | undefined;
  if (format !== undefined) {
    if (!isFormat(format)) throw new UsageError(`unknown --format "${format}"; formats: ${LOG_FORMATS.join(", ")}`);
    forced = adapterFor(format);
    if (!forced) throw new UsageError(`--format ${format} is not readable by this build yet`);
  }
  const out: ResolvedLog[] = [];
  const empty: string[] = [];
  const unknown: string[] = [];
  /** Of `unknown`, gzip files nothing could be decompressed from (already warned about). */
  const broken = new Set<string>();
  for (const { path, directory } of opts.directories ? listLogPaths(paths, opts.listed) : paths.map((path) => ({ path, directory: undefined }))) {
    if (isStdin(path)) {
      const log = await resolveStdin(paths, forced, opts.stdin === true);
      if (log) out.push(log);
      else empty.push("stdin");
      continue;
    }
    try {
      const stat = statSync(path);
      if (stat.isDirectory()) throw new UsageError(`cannot read log ${path}: it is a directory; name the log file in it`);
      // A pipe (`<(zcat …)`, a FIFO) can be read once only, but its format is told from its start first: stdin can be.
      if (stat.isFIFO() || stat.isCharacterDevice()) throw new UsageError(`cannot read log ${path}: it is a pipe or a device, not a file; pipe it to stdin instead (… | tooldbg scan -)`);
      if (!stat.isFile()) throw new UsageError(`cannot read log ${path}: not a file`);
      accessSync(path, constants.R_OK);
      if (stat.size === 0) {
        empty.push(path);
        continue;
      }
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`cannot read log ${path}: ${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : String(code)}`);
    }
    if (forced) {
      out.push({ path, adapter: forced });
      await warnIfAnotherFormat(path, forced.format);
      continue;
    }
    const detection = await detectFormat(path);
    if (directory !== undefined && detection.brokenGzip) {
      // Said as it is found: in a directory of logs a broken one is skipped, not taken for a README.
      process.stderr.write(printable(`tooldbg: warning: ${path}: its gzip data is cut short or corrupt before the first line: skipped\n`));
      broken.add(path);
      unknown.push(path);
      continue;
    }
    if (directory !== undefined && !detection.adapter) {
      unknown.push(path);
      continue;
    }
    out.push({ path, adapter: detected(path, detection) });
  }
  if (out.length === 0 && unknown.length > 0) {
    throw new UsageError(`no file named holds a log of a format tooldbg reads (${listed(unknown)}); pass --format to read them as one (${LOG_FORMATS.filter((f) => adapterFor(f)).join(", ")})`);
  }
  const unknownOnly = unknown.filter((path) => !broken.has(path));
  for (const path of unknownOnly.slice(0, MAX_SKIP_WARNINGS)) process.stderr.write(printable(`tooldbg: warning: ${path} is not a log of a format tooldbg reads: skipped\n`));
  if (unknownOnly.length > MAX_SKIP_WARNINGS) process.stderr.write(`tooldbg: warning: ${unknownOnly.length - MAX_SKIP_WARNINGS} more files of no known format skipped\n`);
  if (out.length === 0 && empty.length > 0) throw new UsageError(empty.length === 1 ? `${empty[0]} is empty: there is nothing to read` : `every log named is empty: there is nothing to read`);
  for (const path of empty) process.stderr.write(printable(`tooldbg: warning: ${path} is empty: skipped\n`));
  return out;
}

/** A few paths, and how many more. */
function listed(paths: readonly string[]): string {
  const shown = paths.slice(0, 3).join(", ");
  return paths.length > 3 ? `${shown} and ${paths.length - 3} more` : shown;
}

/** Stdin's log, or undefined when it is empty (it ended before a byte came). */
async function resolveStdin(paths: readonly string[], forced: LogAdapter | undefined, allowed: boolean): Promise<ResolvedLog | undefined> {
  if (!allowed) throw new UsageError("only scan reads a log from stdin (-); save it to a file first");
  if (paths.filter(isStdin).length > 1) throw new UsageError("stdin (-) can be named once");
  // isatty, not process.stdin: making that stream would set stdin non-blocking, and every read would then wait on EAGAIN.
  if (isatty(0)) throw new UsageError("stdin is a terminal, not a log: pipe one in (… | tooldbg scan -)");
  if (forced) return { path: STDIN_PATH, adapter: forced };
  let detection: Awaited<ReturnType<typeof detectStdinFormat>>;
  try {
    detection = await detectStdinFormat();
  } catch (error) {
    // stdin redirected from a directory, say.
    throw new UsageError(`cannot read stdin: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (detection.head.length === 0) return undefined;
  return { path: STDIN_PATH, adapter: detected("stdin", detection), head: detection.head };
}

function detected(name: string, detection: Detection): LogAdapter {
  if (detection.brokenGzip) throw new UsageError(`cannot read ${name}: its gzip data is cut short or corrupt before the first line`);
  if (!detection.adapter && detection.binary) {
    throw new UsageError(`cannot read ${name}: it holds binary data, not a text log (if it is an OpenTelemetry Collector file export, set the exporter's format to json; gzip and UTF-16 logs are read as they are)`);
  }
  if (!detection.adapter) {
    throw new UsageError(`cannot tell the format of ${name}; pass --format (one of ${LOG_FORMATS.filter((f) => adapterFor(f)).join(", ")})`);
  }
  return detection.adapter;
}

/**
 * `--format` reads a file as told, but records of another format mostly read as nothing there (an
 * Anthropic request is a chat request with no calls): a scan would say "0 failing" of a log full of
 * failures. When detection is surer of another format, a warning says so.
 */
async function warnIfAnotherFormat(path: string, format: string): Promise<void> {
  const detection = await detectFormat(path);
  const detected = detection.adapter?.format;
  if (detected === undefined || detected === format) return;
  const score = (name: string): number => detection.scores.find((entry) => entry.format === name)?.score ?? 0;
  if (score(detected) <= score(format)) return;
  process.stderr.write(printable(`tooldbg: warning: ${path} is read as ${format} (--format), but its records look like ${detected}\n`));
}
