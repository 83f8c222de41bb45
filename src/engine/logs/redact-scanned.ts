import type { Finding } from "../diagnosis/finding.js";
import { isSecretKey, REDACTED, redactJsonText, redactTokens, redactValue } from "../redact.js";
import type { ConversationFinding, ScannedCall } from "./scanned-call.js";

/**
 * A scanned call as scan writes it: secrets redacted as in fixtures (see redact.ts) from the
 * arguments, the logged result, the findings and a re-execution's outcome. Reports are pasted into
 * tickets and kept as CI artifacts; the log itself, named with its line, still holds every value.
 * The call is diagnosed (and re-executed) before: only what is written changes. Returns the call
 * itself when nothing in it is a secret, which is nearly always.
 */
export function redactScannedCall(call: ScannedCall): ScannedCall {
  const args = redactJsonText(call.arguments);
  const content = call.result ? redactJsonText(call.result.content) : undefined;
  let diagnoses = call.diagnoses;
  for (let i = 0; i < call.diagnoses.length; i++) {
    const finding = call.diagnoses[i] as Finding;
    const safe = redactFinding(finding);
    if (safe === finding) continue;
    if (diagnoses === call.diagnoses) diagnoses = [...call.diagnoses];
    diagnoses[i] = safe;
  }
  const notes = call.notes?.map(redactTokens);
  const notesChanged = notes !== undefined && notes.some((note, i) => note !== call.notes?.[i]);
  if (args === call.arguments && content === call.result?.content && diagnoses === call.diagnoses && !notesChanged && call.execution === undefined) return call;
  const out: ScannedCall = { ...call, arguments: args, diagnoses };
  if (call.result && content !== undefined) out.result = { ...call.result, content };
  if (notesChanged) out.notes = notes;
  if (call.execution !== undefined) out.execution = redactValue(call.execution) as ScannedCall["execution"];
  return out;
}

/** A conversation finding as scan writes it (its message may quote a result). */
export function redactConversationFinding(issue: ConversationFinding): ConversationFinding {
  const finding = redactFinding(issue.finding);
  return finding === issue.finding ? issue : { ...issue, finding };
}

/**
 * A finding with token shapes redacted from its texts and a repaired arguments string redacted as
 * arguments are. A finding about an argument under a secret key (`password` too short) also loses
 * the values it quotes: an invalid value (`received`), a coerced one, wherever the finding shows them.
 */
function redactFinding(finding: Finding): Finding {
  const suggestion = finding.suggestion;
  const secretPath = finding.path !== undefined && finding.path !== "" && isSecretKey(finding.path.slice(finding.path.lastIndexOf(".") + 1));
  const hidden: string[] = [];
  // Other codes' `received` is a type or a tool name, not the argument's value.
  if (secretPath && finding.code === "invalid_value" && finding.received !== undefined && finding.received !== "") hidden.push(finding.received);
  if (secretPath && suggestion !== undefined && "coerce" in suggestion) hidden.push(JSON.stringify(suggestion.coerce) ?? "");
  const strip = (text: string): string => {
    let out = redactTokens(text);
    for (const value of hidden) if (value !== "") out = out.split(value).join(REDACTED);
    return out;
  };
  const message = strip(finding.message);
  const received = finding.received === undefined ? undefined : hidden.includes(finding.received) ? REDACTED : redactTokens(finding.received);
  let safeSuggestion = suggestion;
  if (suggestion !== undefined) {
    const args = suggestion.arguments === undefined ? undefined : redactJsonText(suggestion.arguments);
    const hint = suggestion.hint === undefined ? undefined : strip(suggestion.hint);
    const hideCoerce = secretPath && "coerce" in suggestion;
    if (args !== suggestion.arguments || hint !== suggestion.hint || hideCoerce) {
      safeSuggestion = { ...suggestion };
      if (args !== undefined) safeSuggestion.arguments = args;
      if (hint !== undefined) safeSuggestion.hint = hint;
      if (hideCoerce) safeSuggestion.coerce = REDACTED;
    }
  }
  if (message === finding.message && received === finding.received && safeSuggestion === suggestion) return finding;
  const out: Finding = { ...finding, message };
  if (received !== undefined) out.received = received;
  if (safeSuggestion !== undefined) out.suggestion = safeSuggestion;
  return out;
}
