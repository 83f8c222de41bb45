import { seg, type Line } from "./line.js";

/** The largest useful offset for `total` lines in `height` rows (one row goes to the "more" marker). */
export const maxScroll = (total: number, height: number): number => (total <= height ? 0 : total - (height - 1));

/** `height` lines from `offset`, the last row saying how much is above/below when it does not all fit. */
export function scrollWindow(lines: readonly Line[], offset: number, height: number, hint: string): Line[] {
  if (lines.length <= height) return [...lines];
  const start = Math.min(Math.max(0, offset), maxScroll(lines.length, height));
  const shown = lines.slice(start, start + height - 1);
  const below = lines.length - start - shown.length;
  const parts = [start > 0 ? `↑ ${start} above` : "", below > 0 ? `↓ ${below} more` : ""].filter(Boolean).join(" · ");
  return [...shown, [seg(`${parts} · ${hint}`, "muted")]];
}
