import type { Tone } from "../theme.js";

/**
 * Every pane renders as a list of one-row lines, so each pane's height is exactly the number of
 * lines it returns: the layout fits any terminal by slicing arrays, never by measuring output.
 */
export interface Segment {
  text: string;
  tone?: Tone;
  bold?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

export type Line = readonly Segment[];

export const seg = (text: string, tone?: Tone, style: Omit<Segment, "text" | "tone"> = {}): Segment => ({ text, ...(tone ? { tone } : {}), ...style });
export const plain = (text: string): Line => [{ text }];
export const blank: Line = [{ text: "" }];

/** Display width, treating each code point as one column (the marks we draw are all narrow). */
export const widthOf = (text: string): number => {
  let count = 0;
  for (const _ of text) count++;
  return count;
};

export const lineWidth = (line: Line): number => line.reduce((sum, part) => sum + widthOf(part.text), 0);

/** Cut to `width` columns, ending in "…" when something was cut. */
export function truncateText(text: string, width: number): string {
  if (width <= 0) return "";
  const chars = [...text];
  if (chars.length <= width) return text;
  return `${chars.slice(0, Math.max(0, width - 1)).join("")}…`;
}

export function fitLine(line: Line, width: number): Line {
  if (lineWidth(line) <= width) return line;
  const out: Segment[] = [];
  let room = width;
  for (const part of line) {
    if (room <= 0) break;
    const chars = [...part.text];
    if (chars.length < room) {
      out.push(part);
      room -= chars.length;
      continue;
    }
    out.push({ ...part, text: truncateText(part.text, room) });
    room = 0;
  }
  return out;
}

/** Fit, then pad with spaces to exactly `width` columns (for columns laid side by side). */
export function padLine(line: Line, width: number): Line {
  const fitted = fitLine(line, width);
  const missing = width - lineWidth(fitted);
  return missing > 0 ? [...fitted, { text: " ".repeat(missing) }] : fitted;
}

/** Hard-wrap text to `width`, keeping its own newlines; tabs become two spaces. */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  const size = Math.max(1, width);
  for (const raw of text.replace(/\t/g, "  ").split(/\r?\n/)) {
    const chars = [...raw];
    if (chars.length === 0) out.push("");
    for (let start = 0; start < chars.length; start += size) out.push(chars.slice(start, start + size).join(""));
  }
  return out;
}

/** Wrap prose at spaces (a word longer than the width is cut hard); keeps its own newlines. */
export function wordWrap(text: string, width: number): string[] {
  const size = Math.max(1, width);
  const out: string[] = [];
  for (const paragraph of text.replace(/\t/g, "  ").split(/\r?\n/)) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      const candidate = line === "" ? word : `${line} ${word}`;
      if (widthOf(candidate) <= size) {
        line = candidate;
        continue;
      }
      if (line !== "") out.push(line);
      line = word;
      while (widthOf(line) > size) {
        const chars = [...line];
        out.push(chars.slice(0, size).join(""));
        line = chars.slice(size).join("");
      }
    }
    out.push(line);
  }
  return out;
}

/** The last segment of a path, for narrow places (`/a/b/prod.jsonl` → `prod.jsonl`). */
export const lastSegment = (path: string): string => path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1) || path;

/** Two columns side by side, `gap` between them; the shorter one is padded with blank rows. */
export function besideLines(left: readonly Line[], right: readonly Line[], leftWidth: number, rightWidth: number, gap = " │ "): Line[] {
  const rows = Math.max(left.length, right.length);
  const out: Line[] = [];
  for (let i = 0; i < rows; i++) {
    out.push([...padLine(left[i] ?? blank, leftWidth), { text: gap, tone: "muted" }, ...fitLine(right[i] ?? blank, rightWidth)]);
  }
  return out;
}

/** A section heading: "── Findings (2) ─────". */
export function heading(title: string, width: number, tone: Tone = "accent"): Line {
  const label = `── ${title} `;
  return [seg(truncateText(label, width), tone, { bold: true }), seg("─".repeat(Math.max(0, width - widthOf(label))), "muted")];
}
