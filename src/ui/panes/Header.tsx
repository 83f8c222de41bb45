import type { WorkbenchState } from "../../engine/workbench/workbench-contract.js";
import { Lines } from "../shared/Lines.js";
import { headerLines } from "./header-lines.js";

export function Header({ state, width }: { readonly state: WorkbenchState; readonly width: number }) {
  return <Lines lines={headerLines(state, width)} width={width} />;
}
