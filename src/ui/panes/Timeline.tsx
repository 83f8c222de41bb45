import type { WorkbenchState } from "../../engine/workbench/workbench-contract.js";
import { Lines } from "../shared/Lines.js";
import { timelineLines } from "./timeline-lines.js";

export function Timeline({ state, width, height }: { readonly state: WorkbenchState; readonly width: number; readonly height: number }) {
  return <Lines lines={timelineLines(state, width, height)} width={width} />;
}
