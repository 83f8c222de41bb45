import { describe, expect, it } from "vitest";
import { redactConversationFinding, redactScannedCall } from "../../../src/engine/logs/redact-scanned.js";
import type { ScannedCall } from "../../../src/engine/logs/scanned-call.js";
import { REDACTED } from "../../../src/engine/redact.js";

const call = (over: Partial<ScannedCall>): ScannedCall => ({
  callId: "call_1",
  tool: "login",
  arguments: '{"user":"bob"}',
  argumentsRecorded: true,
  source: { file: "prod.jsonl", line: 3 },
  ok: true,
  diagnoses: [],
  ...over,
});

describe("redactScannedCall: what scan writes of a call", () => {
  it("hands back the call itself when nothing in it is a secret", () => {
    const plain = call({ result: { content: '{"status":"ok"}', source: { file: "prod.jsonl", line: 4 } }, notes: ["first seen in a message history"] });
    expect(redactScannedCall(plain)).toBe(plain);
  });

  it("redacts the arguments, the logged result and the notes, keeping every other byte and the verdict", () => {
    const leaky = call({
      arguments: '{"user":"bob","password":"hunter2"}',
      ok: false,
      result: { content: 'Error: login failed for {"token":"t0ps3cret"}', isError: true, source: { file: "prod.jsonl", line: 4 } },
      notes: ["called with Bearer abcdefgh12345678"],
    });
    const out = redactScannedCall(leaky);
    expect(out).toMatchObject({ arguments: `{"user":"bob","password":"${REDACTED}"}`, ok: false, result: { content: `Error: login failed for {"token":"${REDACTED}"}`, isError: true, source: { line: 4 } }, notes: [`called with Bearer ${REDACTED}`] });
    // The call as diagnosed is left as it was.
    expect(leaky.arguments).toContain("hunter2");
  });

  it("a finding about a secret argument loses the value it quotes; its path, rule and the others' values stay", () => {
    const out = redactScannedCall(
      call({
        arguments: '{"password":"hunter2","pin":"12"}',
        ok: false,
        diagnoses: [
          { code: "invalid_value", severity: "error", message: '"password" is not allowed: "hunter2" is shorter than 12.', path: "password", expected: "length >= 12", received: '"hunter2"' },
          { code: "type_mismatch", severity: "error", message: '"auth.token" should be string but is integer. It coerces cleanly to "1234".', path: "auth.token", expected: "string", received: "integer", suggestion: { coerce: "1234" } },
          { code: "malformed_arguments", severity: "error", message: "not valid JSON", suggestion: { arguments: '{"password":"hunter2"}' } },
          { code: "invalid_value", severity: "error", message: '"pin" is not allowed: must be at least 3 characters long.', path: "pin", expected: "length >= 3", received: '"12"' },
        ],
      }),
    );
    expect(out.diagnoses).toEqual([
      { code: "invalid_value", severity: "error", message: `"password" is not allowed: ${REDACTED} is shorter than 12.`, path: "password", expected: "length >= 12", received: REDACTED },
      // `received` is the type here, not the value: it stays; the coerced value goes wherever it is shown.
      { code: "type_mismatch", severity: "error", message: `"auth.token" should be string but is integer. It coerces cleanly to ${REDACTED}.`, path: "auth.token", expected: "string", received: "integer", suggestion: { coerce: REDACTED } },
      { code: "malformed_arguments", severity: "error", message: "not valid JSON", suggestion: { arguments: `{"password":"${REDACTED}"}` } },
      { code: "invalid_value", severity: "error", message: '"pin" is not allowed: must be at least 3 characters long.', path: "pin", expected: "length >= 3", received: '"12"' },
    ]);
  });

  it("redacts a re-execution's outcome (scan --execute) as a value", () => {
    const out = redactScannedCall(call({ execution: { status: "ok", result: { session: "s", access_token: "abc", note: "key sk-proj-abcdefghijklmnop1234" } } as unknown as ScannedCall["execution"] }));
    expect(out.execution).toMatchObject({ status: "ok", result: { session: "s", access_token: REDACTED, note: `key ${REDACTED}` } });
  });

  it("redacts a conversation finding's message, and hands back one with nothing secret as it is", () => {
    const plain = { callId: "call_9", source: { file: "prod.jsonl", line: 2 }, finding: { code: "orphan_tool_result" as const, severity: "error" as const, message: "A tool result answers call_9, which no call made." } };
    expect(redactConversationFinding(plain)).toBe(plain);
    const leaky = { ...plain, finding: { ...plain.finding, message: "result: postgres://app:hunter2@db/prod" } };
    expect(redactConversationFinding(leaky).finding.message).toBe(`result: postgres://app:${REDACTED}@db/prod`);
  });
});
