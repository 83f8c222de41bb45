import type { FindingCode } from "../diagnosis/finding.js";
import type { ScannedCall } from "./scanned-call.js";

/**
 * One recurring problem of a scan: a finding with the same code at the same argument of the same
 * tool, however many failing calls have it (a model that keeps sending `id` for `invoice_id`).
 */
export interface ScanProblem {
  tool: string;
  code: FindingCode;
  /** The argument, array positions as `*` (`items.*.sku`); absent for the whole call. */
  path?: string;
  /** Failing calls that have it. */
  calls: number;
  /** The first of them, to look at. */
  first: { callId: string; file: string; line: number };
  /** Its calls per model (calls with none under "(unknown)"); past MAX_MODELS models, the rest are not named. */
  byModel: Map<string, number>;
}

/** Distinct problems counted; past this many, new ones are not (a log of endless variety would otherwise grow it). */
const MAX_PROBLEMS = 2_000;
/** Models counted per problem. */
const MAX_MODELS = 20;

/**
 * Counts the findings of failing calls by tool, code and argument, for the human report's "top
 * problems": a log of thousands of failing calls mostly holds a handful of problems. Memory is
 * bounded by MAX_PROBLEMS.
 */
export class ProblemCounter {
  private readonly problems = new Map<string, ScanProblem>();

  addCall(call: ScannedCall): void {
    if (call.ok) return;
    const seen: string[] = [];
    for (const finding of call.diagnoses) {
      const path = finding.path ? finding.path.replace(/(^|\.)\d+(?=\.|$)/g, "$1*") : undefined;
      const key = `${call.tool}\u0000${finding.code}\u0000${path ?? ""}`;
      if (seen.includes(key)) continue;
      seen.push(key);
      const known = this.problems.get(key);
      const model = call.model ?? "(unknown)";
      if (known) {
        known.calls++;
        countModel(known.byModel, model);
      } else if (this.problems.size < MAX_PROBLEMS) {
        this.problems.set(key, { tool: call.tool, code: finding.code, ...(path !== undefined && { path }), calls: 1, first: { callId: call.callId, file: call.source.file, line: call.source.line }, byModel: new Map([[model, 1]]) });
      }
    }
  }

  /** The most frequent problems first (the earliest seen first among equals), at most `limit`. */
  top(limit: number): ScanProblem[] {
    return [...this.problems.values()].sort((a, b) => b.calls - a.calls).slice(0, limit);
  }
}

function countModel(byModel: Map<string, number>, model: string): void {
  const count = byModel.get(model);
  if (count !== undefined) byModel.set(model, count + 1);
  else if (byModel.size < MAX_MODELS) byModel.set(model, 1);
}

/**
 * The model a problem comes mostly from: one that made at least `share` of its calls, when the
 * scan saw calls of other models too (with one model in the log, it says nothing).
 */
export function mostlyFrom(problem: ScanProblem, modelsInScan: number, share = 0.6): { model: string; share: number } | undefined {
  if (modelsInScan < 2) return undefined;
  let top: [string, number] | undefined;
  for (const entry of problem.byModel) if (!top || entry[1] > top[1]) top = entry;
  return top && top[1] / problem.calls >= share ? { model: top[0], share: top[1] / problem.calls } : undefined;
}
