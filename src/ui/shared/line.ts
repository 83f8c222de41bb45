import type { Tone } from "../theme.js";
import { clusterColumns, clusters, columns, isPlain } from "./columns.js";

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

/** Columns the text takes on the terminal, once shown (see columns.ts). */
export const widthOf = columns;

export const lineWidth = (line: Line): number => line.reduce((sum, part) => sum + widthOf(part.text), 0);

/** The longest start of `text` that takes at most `width` columns. */
function startWithin(text: string, width: number): string {
  let out = "";
  let used = 0;
  for (const cluster of clusters(text)) {
    const size = clusterColumns(cluster);
    if (used + size > width) break;
    used += size;
    out += cluster;
  }
  return out;
}

/** Cut to `width` columns, ending in "…" when something was cut. */
export function truncateText(text: string, width: number): string {
  if (width <= 0) return "";
  if (widthOf(text) <= width) return text;
  return `${startWithin(text, width - 1)}…`;
}

/** The end of `text` that takes at most `width` columns. */
export function tailWithin(text: string, width: number): string {
  const parts = clusters(text);
  let used = 0;
  let start = parts.length;
  while (start > 0) {
    const size = clusterColumns(parts[start - 1] as string);
    if (used + size > width) break;
    used += size;
    start--;
  }
  return parts.slice(start).join("");
}

export function fitLine(line: Line, width: number): Line {
  if (lineWidth(line) <= width) return line;
  const out: Segment[] = [];
  let room = width;
  for (const part of line) {
    if (room <= 0) break;
    const size = widthOf(part.text);
    if (size < room) {
      out.push(part);
      room -= size;
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

/**
 * `text` cut into rows of at most `width` columns (a cluster wider than that gets a row of its own).
 * Printable ASCII is cut by length, without looking at clusters.
 */
function hardRows(text: string, width: number): string[] {
  if (isPlain(text)) {
    const rows: string[] = [];
    for (let start = 0; start < text.length; start += width) rows.push(text.slice(start, start + width));
    return rows;
  }
  const rows: string[] = [];
  let row = "";
  let used = 0;
  for (const cluster of clusters(text)) {
    const size = clusterColumns(cluster);
    if (used + size > width && row !== "") {
      rows.push(row);
      row = "";
      used = 0;
    }
    row += cluster;
    used += size;
  }
  if (row !== "") rows.push(row);
  return rows;
}

/** Hard-wrap text to `width` columns, keeping its own newlines; tabs become two spaces. */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  const size = Math.max(1, width);
  for (const raw of text.replace(/\t/g, "  ").split(/\r?\n/)) {
    if (raw === "") out.push("");
    // One by one: a spread of a long text's rows would pass past the argument limit.
    else for (const row of hardRows(raw, size)) out.push(row);
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
      // A word longer than the row is cut hard; its last piece starts the next row.
      const rows = widthOf(word) > size ? hardRows(word, size) : [word];
      for (let i = 0; i < rows.length - 1; i++) out.push(rows[i] as string);
      line = rows.at(-1) ?? "";
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
