/**
 * Semantic colour tokens: panes say what a thing is ("error", "muted"), this file says how it
 * looks. With NO_COLOR the palette is empty and no style is emitted at all, so the frame is
 * plain text (selection and highlights then rely on the markers the panes always draw).
 */
export type Tone = "accent" | "error" | "warning" | "ok" | "muted" | "paused" | "running" | "added" | "removed" | "title" | "key";

export interface Palette {
  readonly enabled: boolean;
  color(tone: Tone | undefined): string | undefined;
}

const TONE_COLORS: Record<Tone, string> = {
  accent: "cyan",
  error: "red",
  warning: "yellow",
  ok: "green",
  muted: "gray",
  paused: "magenta",
  running: "blue",
  added: "green",
  removed: "red",
  title: "whiteBright",
  key: "cyan",
};

export const colorPalette: Palette = { enabled: true, color: (tone) => (tone ? TONE_COLORS[tone] : undefined) };
export const plainPalette: Palette = { enabled: false, color: () => undefined };

/** https://no-color.org: present and not empty disables colour. */
export function noColorRequested(env: Record<string, string | undefined>): boolean {
  const value = env.NO_COLOR;
  return value !== undefined && value !== "";
}

export const paletteFor = (noColor: boolean): Palette => (noColor ? plainPalette : colorPalette);
