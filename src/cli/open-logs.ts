import { accessSync, constants, statSync } from "node:fs";
import { UsageError } from "./usage-error.js";
import { LOG_FORMATS, type LogAdapter, type LogFormat } from "../engine/logs/log-events.js";
import { adapterFor } from "../engine/logs/adapter-table.js";
import { detectFormat } from "../engine/logs/detect-format.js";

const isFormat = (value: string): value is LogFormat => (LOG_FORMATS as readonly string[]).includes(value);

/** Check every log is a readable file and settle its format (given or detected), before any work starts. */
export async function resolveLogs(paths: readonly string[], format: string | undefined): Promise<{ path: string; adapter: LogAdapter }[]> {
  if (paths.length === 0) throw new UsageError("name at least one log file");
  let forced: LogAdapter | undefined;
  if (format !== undefined) {
    if (!isFormat(format)) throw new UsageError(`unknown --format "${format}"; formats: ${LOG_FORMATS.join(", ")}`);
    forced = adapterFor(format);
    if (!forced) throw new UsageError(`--format ${format} is not readable by this build yet`);
  }
  const out: { path: string; adapter: LogAdapter }[] = [];
  for (const path of paths) {
    try {
      if (!statSync(path).isFile()) throw new UsageError(`cannot read log ${path}: not a file`);
      accessSync(path, constants.R_OK);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`cannot read log ${path}: ${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : String(code)}`);
    }
    if (forced) {
      out.push({ path, adapter: forced });
      continue;
    }
    const detection = await detectFormat(path);
    if (!detection.adapter) {
      throw new UsageError(`cannot tell the format of ${path}; pass --format (one of ${LOG_FORMATS.filter((f) => adapterFor(f)).join(", ")})`);
    }
    out.push({ path, adapter: detection.adapter });
  }
  return out;
}
