import { readFileSync } from "node:fs";
import { COMMANDS, PLANNED, topLevelHelp, commandHelp, type CommandName } from "./help.js";
import { UsageError, EXIT } from "./usage-error.js";
import { printable } from "../engine/printable.js";

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

/** Entry point: returns the exit code. Command modules load lazily so `--version` and `--help` stay cheap. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === "--version" || first === "-v") {
      process.stdout.write(`${version()}\n`);
      return EXIT.ok;
    }
    if (first === undefined || first === "--help" || first === "-h" || first === "help") {
      process.stdout.write(`${topLevelHelp(version())}\n`);
      return first === undefined ? EXIT.usage : EXIT.ok;
    }
    if (!isCommand(first)) {
      if ((PLANNED as readonly string[]).includes(first)) throw new UsageError(`'${first}' is not available in this build yet; see 'tooldbg --help'`);
      throw new UsageError(`unknown command '${first}'; commands: ${Object.keys(COMMANDS).join(", ")}`);
    }
    if (rest.includes("--help") || rest.includes("-h")) {
      process.stdout.write(`${commandHelp(first)}\n`);
      return EXIT.ok;
    }
    endQuietlyOnClosedPipe();
    return await runCommand(first, rest);
  } catch (error) {
    return reportFatal(error);
  }
}

async function runCommand(name: CommandName, argv: string[]): Promise<number> {
  switch (name) {
    case "call":
      return (await import("./commands/call.js")).callCommand(argv);
    case "schema":
      return (await import("./commands/schema.js")).schemaCommand(argv);
    case "test":
      return (await import("./commands/test.js")).testCommand(argv);
    case "export":
      return (await import("./commands/export.js")).exportCommand(argv);
    case "scan": {
      // The scanning thread starts first: its module loading overlaps this thread's loading of the
      // command and the format detectors (about 100 ms each). --execute scans here.
      // The logs are sized first: a small one gets no reading thread (it would start for nothing).
      const inThread = !argv.includes("--execute");
      const thread = inThread ? await import("../engine/logs/scan-in-worker.js") : undefined;
      const sized = thread ? (await import("./commands/scan-flags.js")).scanLogPaths(argv) : { files: [] };
      const started = thread?.prestartScanThread({ ...thread.scanThreadsFromEnv(), logs: sized.files });
      return (await import("./commands/scan.js")).scanCommand(argv, started, sized.listing);
    }
    case "run":
      return (await import("./commands/run.js")).runCommand(argv);
    case "proxy":
      return (await import("./commands/proxy.js")).proxyCommand(argv);
    case "open":
      return (await import("./commands/open.js")).openCommand(argv);
  }
}

/**
 * `tooldbg scan log | head`: once the reader of stdout goes away, the output's remaining writes
 * fail (EPIPE, then a destroyed stream). Nobody reads on, so that is no error to report: the
 * process ends with the shell's closed-pipe status, without a stack trace. Another write failure
 * (a full disk) is said in one line.
 */
function endQuietlyOnClosedPipe(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") process.stderr.write(`tooldbg: cannot write the output: ${error.message}\n`);
    process.exitCode = error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED" ? EXIT.outputClosed : EXIT.usage;
  });
}

function reportFatal(error: unknown): number {
  // A fixtures directory that cannot be written (write-fixture's FixtureWriteError, told by name so
  // every command's start does not load the fixture writer) is the user's to fix, as a usage error is.
  if (error instanceof UsageError || (error instanceof Error && error.name === "FixtureWriteError")) {
    process.stderr.write(printable(`tooldbg: ${error.message}\n`));
    return EXIT.usage;
  }
  // A bug in tooldbg itself: say so plainly, keep the stack for the report.
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`tooldbg: internal error (please report it):\n${detail}\n`);
  return 70;
}
