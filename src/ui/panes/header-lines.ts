import type { WorkbenchState } from "../../engine/workbench/workbench-contract.js";
import { fitLine, lastSegment, seg, tailWithin, widthOf, type Line, type Segment } from "../shared/line.js";
import type { Tone } from "../theme.js";

const PHASE_TONES: Record<WorkbenchState["phase"], Tone> = {
  starting: "muted",
  loading: "running",
  thinking: "running",
  paused: "paused",
  executing: "running",
  idle: "ok",
  ended: "muted",
};

const count = (n: number): string => n.toLocaleString("en-US");
const sep = (): Segment => seg(" · ", "muted");

function loadSegments(state: WorkbenchState): Segment[] {
  const load = state.load;
  if (!load) return [];
  const percent = load.bytesTotal > 0 ? Math.min(100, Math.floor((load.bytesRead / load.bytesTotal) * 100)) : 100;
  // Once loaded, the call count already in the header says it all.
  const parts: Segment[] = load.done ? [] : [sep(), seg(`loading ${percent}%`, "running")];
  if (load.badLines > 0) {
    const first = load.firstErrors[0];
    parts.push(sep(), seg(`${count(load.badLines)} bad line${load.badLines === 1 ? "" : "s"}${first ? ` (${lastSegment(first.file)}:${first.line}: ${first.message})` : ""}`, "warning"));
  }
  return parts;
}

/** "run /long/path/tools.ts" → "run …path/tools.ts": the command word stays, the path loses its start. */
function shortenTitle(title: string, room: number): string {
  const space = title.indexOf(" ");
  const command = space === -1 ? "" : title.slice(0, space + 1);
  return `${command}…${tailWithin(title.slice(command.length), Math.max(0, room - widthOf(command) - 1))}`;
}

/** Two lines: what is being debugged and from where; then model, step, phase, break mode, load. */
export function headerLines(state: WorkbenchState, width: number): Line[] {
  // The source label ("scripted (no OPENAI_API_KEY)") matters more than the full module path:
  // a long title is cut at its start so the label stays.
  const badge = " tooldbg ";
  const room = width - widthOf(badge) - 1 - 3 - widthOf(state.sourceLabel);
  const title = widthOf(state.title) <= room || room < 16 ? state.title : shortenTitle(state.title, room);
  const first: Segment[] = [seg(badge, "title", { bold: true, inverse: true }), seg(" "), seg(title, "title", { bold: true }), sep(), seg(state.sourceLabel, "accent")];
  if (state.sessionFile) first.push(sep(), seg(`session ${lastSegment(state.sessionFile)}`, "muted"));
  const second: Segment[] = [];
  if (state.model) second.push(seg(`model ${state.model}`), sep());
  if (state.mode === "run" || state.steps !== undefined) second.push(seg(`step ${state.step}${state.steps !== undefined ? `/${state.steps}` : ""}`), sep());
  second.push(seg(state.phase, PHASE_TONES[state.phase], { bold: true }));
  if (state.mode === "run") second.push(sep(), seg(`break ${state.breakMode}`, "paused"));
  second.push(sep(), seg(`${count(state.calls.length)} call${state.calls.length === 1 ? "" : "s"}`, "muted"));
  second.push(...loadSegments(state));
  if (state.unsaved) second.push(sep(), seg("● unsaved", "warning"));
  return [fitLine(first, width), fitLine(second, width)];
}
