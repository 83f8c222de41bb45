import type { Finding } from "../../src/engine/diagnosis/finding.js";
import type { TimelineRow, WorkbenchCall, WorkbenchState } from "../../src/engine/workbench/workbench-contract.js";
import type { ToolSpec } from "../../src/tools/tool-spec.js";

export const invoiceSpec: ToolSpec = {
  name: "get_invoice_status",
  description: "Look up an invoice's status and amount",
  parameters: {
    type: "object",
    properties: { invoice_id: { type: "string", description: "Invoice ID like INV-123" } },
    required: ["invoice_id"],
    additionalProperties: false,
  },
  executable: true,
  sideEffects: false,
  shape: "tooldbg",
  source: { module: "examples/billing/tools.ts", exportName: "getInvoiceStatus" },
};

export const idForInvoiceId: Finding[] = [
  { code: "unexpected_argument", severity: "error", message: "get_invoice_status has no parameter id", path: "id", suggestion: { rename: "invoice_id" } },
  { code: "missing_argument", severity: "error", message: "required parameter invoice_id is missing", path: "invoice_id", expected: "string" },
];

/** A tiny stand-in for the diagnosis: the editor's live findings in component tests. */
export function diagnoseInvoice(text: string): Finding[] {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const findings: Finding[] = [];
    for (const key of Object.keys(value)) if (key !== "invoice_id") findings.push({ ...idForInvoiceId[0]!, path: key, message: `get_invoice_status has no parameter ${key}` });
    if (!("invoice_id" in value)) findings.push(idForInvoiceId[1]!);
    return findings;
  } catch {
    return [{ code: "malformed_arguments", severity: "error", message: "not valid JSON (offset 0)" }];
  }
}

export function baseState(patch: Partial<WorkbenchState> = {}): WorkbenchState {
  return {
    mode: "run",
    title: "run examples/billing/tools.ts",
    sourceLabel: "scripted (no OPENAI_API_KEY)",
    model: "gpt-4o-mini",
    phase: "paused",
    step: 1,
    steps: 7,
    breakMode: "failures",
    rows: [],
    calls: [],
    visible: [],
    cursor: 0,
    streaming: "",
    filter: { text: "", editing: false },
    focus: "timeline",
    unsaved: false,
    exited: false,
    ...patch,
  };
}

export const badCall: WorkbenchCall = {
  id: "call_status",
  tool: "get_invoice_status",
  arguments: '{"id":"INV-123"}',
  argumentsRecorded: true,
  spec: invoiceSpec,
  findings: idForInvoiceId,
  status: "paused",
  step: 1,
  model: "gpt-4o-mini",
  executions: [],
};

/** The demo's first stop: the model sent `id` for `invoice_id`, paused before running. */
export function pausedBadCallState(patch: Partial<WorkbenchState> = {}): WorkbenchState {
  const rows: TimelineRow[] = [
    { kind: "user", content: "INV-123 looks wrong: check it, open an urgent ticket." },
    { kind: "assistant", step: 1, content: null, callCount: 1 },
    { kind: "call", call: 0 },
  ];
  return baseState({ rows, calls: [badCall], visible: [0, 1, 2], cursor: 2, pausedCall: 0, ...patch });
}

/** `count` logged calls, every seventh one bad, as `open` would hold them. */
export function manyCallsState(count: number): WorkbenchState {
  const calls: WorkbenchCall[] = new Array(count);
  const rows: TimelineRow[] = new Array(count);
  const visible: number[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const bad = i % 7 === 3;
    calls[i] = {
      id: `call_${i}`,
      tool: "get_invoice_status",
      arguments: bad ? `{"id":"INV-${i}"}` : `{"invoice_id":"INV-${i}"}`,
      argumentsRecorded: true,
      spec: invoiceSpec,
      findings: bad ? idForInvoiceId : [],
      status: bad ? "failed" : "ok",
      source: { file: "big.jsonl", line: i + 1 },
      executions: [],
    };
    rows[i] = { kind: "call", call: i };
    visible[i] = i;
  }
  return baseState({ mode: "open", title: "open big.jsonl", sourceLabel: "openai-chat", phase: "idle", step: 0, steps: undefined, rows, calls, visible, cursor: 0, pausedCall: undefined });
}

/** The same call after `f` and `r`: the fixed arguments ran, beside a logged error, with a diff. */
export function executedCallState(): WorkbenchState {
  const fixed = '{"invoice_id":"INV-123"}';
  const call: WorkbenchCall = {
    ...badCall,
    status: "failed",
    logged: { content: "Error: KeyError: 'invoice_id'", isError: true, errorInferred: true },
    edited: { text: fixed, findings: [] },
    executions: [
      {
        arguments: fixed,
        mode: "validated",
        outcome: {
          status: "ok",
          mode: "validated",
          durationMs: 12.4,
          console: { stdout: "looking up INV-123\n", stderr: "", droppedBytes: 0 },
          result: { invoice_id: "INV-123", status: "paid", amount_cents: 12900, customer: "acme" },
          preview: "{ invoice_id: 'INV-123', status: 'paid' }",
          serialization: [],
        },
        findings: [],
        comparedWith: "logged",
        diff: [
          { op: "removed", text: "Error: KeyError: 'invoice_id'" },
          { op: "added", text: '{"invoice_id":"INV-123","status":"paid","amount_cents":12900,"customer":"acme"}' },
        ],
      },
    ],
  };
  return pausedBadCallState({ calls: [call], pausedCall: undefined, unsaved: true });
}
