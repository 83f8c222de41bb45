import type { TimelineRow, WorkbenchCall } from "./workbench-contract.js";

/**
 * The `/` filter: space-separated terms, all of which must match. `tool:NAME` and `code:CODE`
 * match the tool name and a finding code (substring, case-insensitive); `status:S` the call's
 * status; a bare term matches the tool, id, model, a finding code or the arguments text.
 */
export interface RowFilter {
  terms: readonly { field: "tool" | "code" | "status" | "any"; text: string }[];
}

export function parseFilter(text: string): RowFilter | undefined {
  const terms: { field: "tool" | "code" | "status" | "any"; text: string }[] = [];
  for (const word of text.trim().toLowerCase().split(/\s+/)) {
    if (word === "") continue;
    const m = /^(tool|code|status):(.*)$/.exec(word);
    if (m?.[1] && m[2] !== undefined) {
      if (m[2] !== "") terms.push({ field: m[1] as "tool" | "code" | "status", text: m[2] });
    } else terms.push({ field: "any", text: word });
  }
  return terms.length ? { terms } : undefined;
}

function callMatches(call: WorkbenchCall, filter: RowFilter): boolean {
  for (const term of filter.terms) {
    const t = term.text;
    const codes = () => call.findings.some((f) => f.code.includes(t)) || (call.executions.at(-1)?.findings.some((f) => f.code.includes(t)) ?? false);
    switch (term.field) {
      case "tool":
        if (!call.tool.toLowerCase().includes(t)) return false;
        break;
      case "code":
        if (!codes()) return false;
        break;
      case "status":
        if (!call.status.includes(t)) return false;
        break;
      case "any":
        if (
          !call.tool.toLowerCase().includes(t) &&
          !call.id.toLowerCase().includes(t) &&
          !(call.model?.toLowerCase().includes(t) ?? false) &&
          !codes() &&
          !call.arguments.toLowerCase().includes(t)
        )
          return false;
        break;
    }
  }
  return true;
}

export function rowMatches(row: TimelineRow, calls: readonly WorkbenchCall[], filter: RowFilter): boolean {
  if (row.kind === "call") {
    const call = calls[row.call];
    return call !== undefined && callMatches(call, filter);
  }
  // Conversation rows only match free text: a tool or code filter is about calls.
  if (filter.terms.some((t) => t.field !== "any")) return false;
  const text = (row.kind === "note" ? row.message : row.kind === "model_error" ? row.error.message : (row.content ?? "")).toLowerCase();
  return filter.terms.every((t) => text.includes(t.text));
}

/** Indexes of rows[from..] that pass `filter` (all of them with no filter). */
export function visibleRows(rows: readonly TimelineRow[], calls: readonly WorkbenchCall[], filter: RowFilter | undefined, from = 0): number[] {
  const out: number[] = [];
  for (let i = from; i < rows.length; i++) {
    const row = rows[i];
    if (row && (!filter || rowMatches(row, calls, filter))) out.push(i);
  }
  return out;
}
