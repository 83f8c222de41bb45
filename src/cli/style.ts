import { printable, printableKeeping } from "../engine/printable.js";

/** Colour only for a TTY, never with NO_COLOR or TERM=dumb, so piped output stays free of escape codes. */
export interface Style {
  readonly color: boolean;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  /**
   * Text as it may be written to this stream: control characters from logs, tools and fixtures
   * escaped (see printable), the colour codes of this style kept. Every human output goes through it.
   */
  shown(text: string): string;
}

/** The codes `wrap` writes below, and nothing else: what shown() keeps when colour is on. */
// eslint-disable-next-line no-control-regex -- these are the escape sequences themselves
const OWN_CODES = /\x1b\[(?:1|2|22|31|32|33|36|39)m/;
const shownWithColour = printableKeeping(OWN_CODES);

export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style {
  const color =
    stream.isTTY === true && env.NO_COLOR === undefined && env.TERM !== "dumb" ? true : env.FORCE_COLOR !== undefined && env.NO_COLOR === undefined;
  const wrap = (open: number, close: number) => (text: string) => (color ? `\x1b[${open}m${text}\x1b[${close}m` : text);
  return {
    color,
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
    shown: color ? shownWithColour : printable,
  };
}
