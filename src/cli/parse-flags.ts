import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./usage-error.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The parsed values, typed from the option table (what parseArgs infers, spelled out for declarations). */
export type FlagValues<O extends Options> = {
  [K in keyof O]?: O[K] extends { type: "boolean" }
    ? O[K] extends { multiple: true } ? boolean[] : boolean
    : O[K] extends { multiple: true } ? string[] : string;
} & { help?: boolean };

/** node:util parseArgs, with its errors turned into one-line usage errors that name the command. */
export function parseFlags<O extends Options>(command: string, argv: string[], options: O): { values: FlagValues<O>; positionals: string[] } {
  try {
    return parseArgs({ args: argv, options: { help: { type: "boolean", short: "h" }, ...options }, allowPositionals: true, strict: true }) as {
      values: FlagValues<O>;
      positionals: string[];
    };
  } catch (error) {
    throw new UsageError(`${oneLineMessage(error)} (see 'tooldbg ${command} --help')`);
  }
}

/** A positive integer flag value, or a usage error naming the flag. */
export function intFlag(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} takes a positive whole number of milliseconds, got "${value}"`);
  return n;
}

/**
 * parseArgs' message in one line. Its advice on a value that starts with a dash (`--call --out`,
 * `--timeout -5`) runs over three lines: said here as one.
 */
function oneLineMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const ambiguous = /^Option '(--[^']+)' argument is ambiguous\./.exec(message);
  if (ambiguous) return `${ambiguous[1]} needs a value, and the next argument starts with a dash (for a value that does, write ${ambiguous[1]}=-VALUE)`;
  return message.replace(/\. To specify a positional argument.*$/s, "").replace(/\s*\n\s*/g, " ");
}
