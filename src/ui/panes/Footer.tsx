import type { WorkbenchState } from "../../engine/workbench/workbench-contract.js";
import type { Line } from "../shared/line.js";
import { Lines } from "../shared/Lines.js";
import { filterLine, keyBarLine, messageLine } from "./footer-lines.js";

/** Filter line, message toast and key bar, in that order (each only when it has something to say). */
export function Footer({ state, width }: { readonly state: WorkbenchState; readonly width: number }) {
  const lines = [filterLine(state, width), messageLine(state, width), keyBarLine(state, width)].filter((line): line is Line => line !== undefined);
  return <Lines lines={lines} width={width} />;
}
