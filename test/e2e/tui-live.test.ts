import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { KEY, ptyTestBed, quit } from "../helpers/pty-screen.js";
import { REPO } from "../helpers/run-cli.js";
import { startFakeOpenAI, type FakeOpenAIServer } from "../helpers/fake-openai-server.js";

const AGENT = join(REPO, "test/fixtures/agents/clean-agent.ts");
const FAKE_KEY = "sk-test-LIVEtuiKEY0123456789abcdefghij";
const bed = ptyTestBed();
let server: FakeOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("tooldbg run in a terminal against a live OpenAI-compatible server", () => {
  it("streams the turn over real HTTP, pauses at the mistyped call, and the model gets the findings", async () => {
    // The arguments arrive in fragments split inside a key and inside a value.
    server = await startFakeOpenAI({
      apiKey: FAKE_KEY,
      turns: [{ toolCalls: [{ id: "call_live", name: "add", arguments: '{"a": 2, "b": "3"}', fragments: ['{"a', '": 2, "', 'b": "', "3", '"}'] }] }, { content: "It is 5." }],
    });
    const dir = bed.scratch("tooldbg-tui-live-");
    const sessionFile = join(dir, "live.jsonl");
    const screen = bed.spawn(["run", AGENT, "--base-url", server.baseURL, "--session", sessionFile], { cwd: dir, columns: 120, rows: 40, env: { OPENAI_API_KEY: FAKE_KEY } });
    await screen.waitForText(/live/);
    await screen.waitForText(/⏸ add \{"a": 2, "b": "3"\}/);
    await screen.waitForText(/type_mismatch b/);

    await screen.press(KEY.enter);
    await screen.waitForText(/It is 5\./);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.body.stream).toBe(true);
    // The second request carries the tool message that states the findings.
    expect(JSON.stringify(server.requests[1]?.body)).toMatch(/call_live.*should be number/);

    expect(await quit(screen, /\by\b yes/)).toBe(0);
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file), "utf8")).not.toContain(FAKE_KEY);
  }, 60_000);
});
