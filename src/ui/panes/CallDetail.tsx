import type { Line } from "../shared/line.js";
import { Lines } from "../shared/Lines.js";
import { scrollWindow } from "../shared/scroll-window.js";

/** The selected row's detail, scrolled (J/K) when it is taller than the pane. */
export function CallDetail({ lines, offset, width, height }: { readonly lines: readonly Line[]; readonly offset: number; readonly width: number; readonly height: number }) {
  return <Lines lines={scrollWindow(lines, offset, height, "J/K scroll")} width={width} />;
}
