import type { Finding } from "../diagnosis/finding.js";
import type { ConversationFinding, ScannedCall } from "./scanned-call.js";

export interface Tally {
  calls: number;
  failing: number;
}

export interface ScanSummary {
  calls: number;
  failing: number;
  /** Findings per code (calls and conversation-level findings). */
  byCode: Record<string, number>;
  /** Calls and failing calls per tool: which tools break. */
  byTool: Record<string, Tally>;
  /** Calls and failing calls per model: which model breaks your tools. */
  byModel: Record<string, Tally>;
}

/** Running totals: constant memory whatever the number of calls (one entry per tool, model and code). */
export class SummaryCounter {
  readonly summary: ScanSummary = { calls: 0, failing: 0, byCode: {}, byTool: {}, byModel: {} };

  addCall(call: ScannedCall): void {
    const s = this.summary;
    s.calls++;
    if (!call.ok) s.failing++;
    // Each code once per call; calls have few findings, so looking back beats building a Set.
    const diagnoses = call.diagnoses;
    for (let i = 0; i < diagnoses.length; i++) {
      const code = (diagnoses[i] as Finding).code;
      let repeated = false;
      for (let j = 0; j < i && !repeated; j++) repeated = (diagnoses[j] as Finding).code === code;
      if (!repeated) s.byCode[code] = (s.byCode[code] ?? 0) + 1;
    }
    tally(s.byTool, call.tool, call.ok);
    tally(s.byModel, call.model ?? "(unknown)", call.ok);
  }

  addIssue(issue: ConversationFinding): void {
    const code = issue.finding.code;
    this.summary.byCode[code] = (this.summary.byCode[code] ?? 0) + 1;
  }
}

function tally(table: Record<string, Tally>, key: string, ok: boolean): void {
  // Keys come from untrusted logs: never let one be "__proto__" on a plain object's chain.
  const entry = Object.hasOwn(table, key) ? table[key] : undefined;
  if (entry) {
    entry.calls++;
    if (!ok) entry.failing++;
  } else Object.defineProperty(table, key, { value: { calls: 1, failing: ok ? 0 : 1 }, enumerable: true, writable: true, configurable: true });
}
