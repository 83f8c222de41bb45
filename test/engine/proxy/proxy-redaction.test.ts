import { afterEach, describe, expect, it } from "vitest";
import { chunksFor, streamEvents } from "../../helpers/fake-upstream.js";
import { chatRequest, KEY, logLines, logText, readProxyLog, startRig, until, type Rig } from "./proxy-harness.js";

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const AZURE_KEY = "azure-key-0123456789abcdef";
const OTHER_KEY = "gateway-key-fedcba9876543210";
const QUERY_KEY = "query-key-55555555";
const PASTED = "sk-proj-abcdefghijklmnopqrstuvwxyz012345";

describe("proxy log redaction", () => {
  it("never writes Authorization, api-key, x-api-key, secret query values or keys echoed in bodies", async () => {
    // The upstream echoes the caller's key in its content and splits a password across argument deltas.
    const calls = [{ id: "call_pw", name: "login", arguments: '{"user":"ada","password":"hunter2-very-long"}' }];
    rig = await startRig((req, res) => {
      const chunks = chunksFor(calls, "gpt-fake", 9);
      chunks.splice(1, 0, { id: "chatcmpl-fake-stream", object: "chat.completion.chunk", created: 1, model: "gpt-fake", choices: [{ index: 0, delta: { content: `your key is ${req.headers.authorization ?? ""}` }, finish_reason: null }] });
      return streamEvents(res, chunks);
    });
    const client = rig.client.withOptions({ defaultQuery: { "api-key": QUERY_KEY }, defaultHeaders: { "api-key": AZURE_KEY, "x-api-key": OTHER_KEY } });
    const stream = client.chat.completions.stream({ ...chatRequest, stream: true, messages: [{ role: "user", content: `my other key is ${PASTED} and ${AZURE_KEY}` }] });
    const final = await stream.finalChatCompletion();
    // The client got everything unredacted: redaction is only for the log.
    expect(final.choices[0]?.message.tool_calls?.[0]?.function.arguments).toBe(calls[0]?.arguments);
    expect(rig.upstream.received[0]?.headers["api-key"]).toBe(AZURE_KEY);

    await until(() => rig?.proxy.log.lines === 1);
    const text = logText(rig.dir);
    for (const secret of [KEY, AZURE_KEY, OTHER_KEY, QUERY_KEY, PASTED, "hunter2"]) expect(text).not.toContain(secret);
    const [line] = logLines(rig.dir);
    expect(line).toMatchObject({
      request: { path: "/chat/completions?api-key=[REDACTED]", headers: { authorization: "[REDACTED]", "api-key": "[REDACTED]", "x-api-key": "[REDACTED]" } },
    });
    // Joined from the chunks or taken from the assembly, the call reads the same redacted arguments.
    const redacted = '{"user":"ada","password":"[REDACTED]"}';
    expect(readProxyLog(rig.dir).calls.map((c) => c.arguments)).toEqual([redacted]);
    const assembled = (line?.response as { assembled: { choices: { message: { content: string; tool_calls: { function: { arguments: string } }[] } }[] } }).assembled;
    expect(assembled.choices[0]?.message.tool_calls[0]?.function.arguments).toBe(redacted);
    expect(assembled.choices[0]?.message.content).toBe("your key is Bearer [REDACTED]");
  });
});
