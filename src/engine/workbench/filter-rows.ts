import type { TimelineRow, WorkbenchCall } from "./workbench-contract.js";

/**
 * The `/` filter: space-separated terms, all of which must match. `tool:NAME` and `code:CODE`
 * match the tool name and a finding code (substring, case-insensitive); `status:S` the call's
 * status; a bare term matches the tool, id, model, a finding code or the arguments text.
 */
export type FilterField = "tool" | "code" | "status" | "any";

export interface RowFilter {
  /** `pattern` is the text as a case-insensitive regex, built once: matching allocates nothing per row. */
  terms: readonly { field: FilterField; text: string; pattern: RegExp }[];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function parseFilter(text: string): RowFilter | undefined {
  const terms: { field: FilterField; text: string; pattern: RegExp }[] = [];
  const term = (field: FilterField, t: string) => terms.push({ field, text: t, pattern: new RegExp(escape(t), "i") });
  for (const word of text.trim().toLowerCase().split(/\s+/)) {
    if (word === "") continue;
    const m = /^(tool|code|status):(.*)$/.exec(word);
    if (m?.[1] && m[2] !== undefined) {
      if (m[2] !== "") term(m[1] as FilterField, m[2]);
    } else term("any", word);
  }
  return terms.length ? { terms } : undefined;
}

/**
 * True when every row `next` lets through also passes `previous` (the user typed more): the new
 * filter then only needs to look at the rows visible now, not at every row.
 */
export function narrows(previous: RowFilter | undefined, next: RowFilter | undefined): boolean {
  if (!previous) return false;
  if (!next) return false;
  return previous.terms.every((old) =>
    next.terms.some((t) => t.text.includes(old.text) && (t.field === old.field || (old.field === "any" && (t.field === "tool" || t.field === "code")))),
  );
}

function callMatches(call: WorkbenchCall, filter: RowFilter): boolean {
  for (const term of filter.terms) {
    const p = term.pattern;
    const codes = () => call.findings.some((f) => p.test(f.code)) || (call.executions.at(-1)?.findings.some((f) => p.test(f.code)) ?? false);
    switch (term.field) {
      case "tool":
        if (!p.test(call.tool)) return false;
        break;
      case "code":
        if (!codes()) return false;
        break;
      case "status":
        if (!p.test(call.status)) return false;
        break;
      case "any":
        if (!p.test(call.tool) && !p.test(call.id) && !(call.model !== undefined && p.test(call.model)) && !codes() && !p.test(call.arguments)) return false;
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
  const text = row.kind === "note" ? row.message : row.kind === "model_error" ? row.error.message : (row.content ?? "");
  return filter.terms.every((t) => t.pattern.test(text));
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
