import { readdirSync, statSync, type Dirent } from "node:fs";
import { join } from "node:path";
import { UsageError } from "./usage-error.js";
import { isStdin } from "../engine/logs/stdin-log.js";

/** A log path as named, or found in a directory that was named (`directory` says which). */
export interface LogPath {
  path: string;
  directory?: string;
}

/** Files read from one named directory, at most: a mistyped `/` does not start a scan of the disk. */
const MAX_DIRECTORY_FILES = 10_000;

/**
 * The logs the command line names: a directory stands for the files in it and in its
 * subdirectories, in name order with numbers compared as numbers (`app.log.2` before
 * `app.log.10`). Hidden entries (`.DS_Store`, `.git`) are left out, and so are links to
 * directories (a link back up would never end). Anything that is not a directory is kept as
 * named: reading it reports what is wrong with it.
 */
export function listLogPaths(paths: readonly string[], listed?: LogListing): LogPath[] {
  if (listed && listed.named.length === paths.length && listed.named.every((path, i) => path === paths[i])) return listed.logs;
  const out: LogPath[] = [];
  for (const path of paths) {
    if (!isStdin(path) && isDirectory(path)) {
      const files: string[] = [];
      walk(path, files, path);
      if (files.length === 0) throw new UsageError(`${path} is a directory with no files in it: there is nothing to read`);
      for (const file of files) out.push({ path: file, directory: path });
    } else {
      out.push({ path });
    }
  }
  return out;
}

/** What listLogPaths gave for these paths as named: the scan it was made for lists nothing again. */
export interface LogListing {
  named: readonly string[];
  logs: LogPath[];
}

/**
 * The files to size before a scan starts (see prestartScanThread): the paths as named, a
 * directory's files for it; a directory that cannot be listed counts for nothing (the scan
 * reports it). With the listing, when there was one, for the scan to read.
 */
export function sizedLogPaths(paths: readonly string[]): { files: string[]; listing?: LogListing } {
  try {
    const logs = listLogPaths(paths);
    return { files: logs.map((log) => log.path), listing: { named: [...paths], logs } };
  } catch {
    return { files: paths.filter((path) => !isDirectory(path)) };
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Made on first use: an ICU collator takes 10-20 ms to build, which every command would pay at start-up. */
let collator: Intl.Collator | undefined;
const byName = (a: string, b: string): number => (collator ??= new Intl.Collator("en", { numeric: true })).compare(a, b);

function walk(dir: string, files: string[], named: string): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read directory ${dir}: ${code === "EACCES" || code === "EPERM" ? "permission denied" : code === "ENOENT" ? "no such directory" : (code ?? String(error))}`);
  }
  entries.sort((a, b) => byName(a.name, b.name));
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, files, named);
    else if (entry.isFile() || (entry.isSymbolicLink() && isFile(path))) files.push(path);
    if (files.length > MAX_DIRECTORY_FILES) throw new UsageError(`${named} holds more than ${MAX_DIRECTORY_FILES} files: name the logs to read (or a directory of fewer)`);
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
