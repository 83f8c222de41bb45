import { afterEach, describe, expect, it } from "vitest";
import { chunksFor, streamEvents } from "../../helpers/fake-upstream.js";
import { chatRequest, logText, readProxyLog, startRig, type Rig } from "./proxy-harness.js";

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const CONCURRENT = 200;

describe("proxy under load (loopback)", () => {
  it(`streams ${CONCURRENT} concurrent requests through and logs every one as a whole, valid line`, async () => {
    // Each request names itself; the upstream answers with a call whose id and arguments carry that name.
    rig = await startRig(async (req, res) => {
      const n = (JSON.parse(req.body.toString("utf8")) as { messages: { content: string }[] }).messages[0]?.content ?? "?";
      const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
      await streamEvents(res, chunksFor([{ id: `call_${n}`, name: "get_invoice_status", arguments: JSON.stringify({ invoice_id: `INV-${n}`, pad: "x".repeat(200) }) }], "gpt-fake", 8), tick);
    });
    const client = rig.client;
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: CONCURRENT }, async (_, i) => {
        const stream = client.chat.completions.stream({ ...chatRequest, stream: true, messages: [{ role: "user", content: String(i) }] });
        const final = await stream.finalChatCompletion();
        return final.choices[0]?.message.tool_calls?.[0]?.id;
      }),
    );
    const elapsed = Date.now() - started;
    expect(results).toEqual(Array.from({ length: CONCURRENT }, (_, i) => `call_${i}`));
    expect(elapsed).toBeLessThan(20_000);

    await rig.proxy.stop(5_000);
    const lines = logText(rig.dir).split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(CONCURRENT);
    const seen = new Set<string>();
    for (const line of lines) {
      const record = JSON.parse(line) as { request: { body: { messages: { content: string }[] } }; response: { status: number; done: boolean } };
      expect(record.response).toMatchObject({ status: 200, done: true });
      seen.add(record.request.body.messages[0]?.content ?? "");
    }
    expect(seen.size).toBe(CONCURRENT);
    const read = readProxyLog(rig.dir);
    expect(read.errors).toEqual([]);
    expect(new Set(read.calls.map((c) => c.callId)).size).toBe(CONCURRENT);
    for (const call of read.calls) expect(JSON.parse(call.arguments)).toEqual({ invoice_id: `INV-${call.callId.slice(5)}`, pad: "x".repeat(200) });
  });
});
