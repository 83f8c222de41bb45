import stringWidth from "string-width";
import { printable } from "../../engine/printable.js";

/**
 * Terminal columns, as the text is shown: Lines escapes every control character (one becomes the
 * six columns of `\u001b`), and CJK and emoji take two. Ink measures rows with string-width, so
 * widths are taken with it, cluster by cluster: a row fitted here is a row Ink neither wraps nor
 * cuts short.
 */

/** Printable ASCII only: one column a character, no cluster to look at. */
const PLAIN = /^[\x20-\x7e]*$/;
const segmenter = new Intl.Segmenter();

/** Whether the text is printable ASCII only (one column a character). */
export const isPlain = (text: string): boolean => PLAIN.test(text);

/** The text's user-perceived characters (grapheme clusters), in order. */
export function clusters(text: string): string[] {
  if (PLAIN.test(text)) return text.split("");
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

/** Columns one cluster takes once shown. */
export function clusterColumns(cluster: string): number {
  if (cluster.length === 1) {
    const code = cluster.charCodeAt(0);
    if (code >= 0x20 && code < 0x7f) return 1;
  }
  return stringWidth(printable(cluster));
}

/** Columns the text takes once shown. */
export function columns(text: string): number {
  if (PLAIN.test(text)) return text.length;
  let count = 0;
  for (const part of segmenter.segment(text)) count += clusterColumns(part.segment);
  return count;
}

/**
 * A row's [from, to) pieces of at most `size` columns as shown (an escaped control character
 * takes six, a wide character two), cut between clusters; an empty row is one empty piece.
 */
export function columnSpans(row: string, size: number): [number, number][] {
  if (row === "") return [[0, 0]];
  const spans: [number, number][] = [];
  if (isPlain(row)) {
    for (let from = 0; from < row.length; from += size) spans.push([from, Math.min(row.length, from + size)]);
    return spans;
  }
  let from = 0;
  let at = 0;
  let used = 0;
  for (const cluster of clusters(row)) {
    const columns = clusterColumns(cluster);
    if (used + columns > size && at > from) {
      spans.push([from, at]);
      from = at;
      used = 0;
    }
    at += cluster.length;
    used += columns;
  }
  spans.push([from, at]);
  return spans;
}
