import type { WorkbenchState } from "../../engine/workbench/workbench-contract.js";
import { fitLine, heading, seg, wrapText, type Line } from "../shared/line.js";
import { Lines } from "../shared/Lines.js";
import { scrollWindow } from "../shared/scroll-window.js";
import { helpLines } from "./help-lines.js";

function confirmLines(question: string, width: number): Line[] {
  return [
    heading("Confirm", width, "warning"),
    ...wrapText(question, width).map((text): Line => [seg(text, undefined, { bold: true })]),
    [seg("")],
    fitLine([seg("y", "key", { bold: true }), seg(" yes    "), seg("n/esc", "key", { bold: true }), seg(" no")], width),
  ];
}

/** A modal overlay in place of the body: the help (scrollable) or a yes/no question. */
export function Overlay({ state, width, height, helpOffset }: { readonly state: WorkbenchState; readonly width: number; readonly height: number; readonly helpOffset: number }) {
  const overlay = state.overlay;
  if (overlay?.kind === "help") return <Lines lines={scrollWindow(helpLines(state.mode, width), helpOffset, height, "j/k scroll · ? closes")} width={width} />;
  if (overlay?.kind === "confirm") return <Lines lines={confirmLines(overlay.question, width).slice(0, height)} width={width} />;
  return null;
}
