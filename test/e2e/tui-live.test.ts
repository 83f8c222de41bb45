import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { KEY, spawnTooldbg, type PtyScreen } from "../helpers/pty-screen.js";
import { REPO } from "../helpers/run-cli.js";
import { startFakeOpenAI, type FakeOpenAIServer } from "../helpers/fake-openai-server.js";

const AGENT = join(REPO, "test/fixtures/agents/clean-agent.ts");
const FAKE_KEY = "sk-test-LIVEtuiKEY0123456789abcdefghij";
let screen: PtyScreen | undefined;
let server: FakeOpenAIServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  screen?.kill();
  screen = undefined;
  await server?.close();
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("tooldbg run in a terminal against a live OpenAI-compatible server", () => {
  it("streams the turn over real HTTP, pauses at the mistyped call, and the model gets the findings", async () => {
    // The arguments arrive in fragments split inside a key and inside a value.
    server = await startFakeOpenAI({
      apiKey: FAKE_KEY,
      turns: [{ toolCalls: [{ id: "call_live", name: "add", arguments: '{"a": 2, "b": "3"}', fragments: ['{"a', '": 2, "', 'b": "', "3", '"}'] }] }, { content: "It is 5." }],
    });
    dir = mkdtempSync(join(tmpdir(), "tooldbg-tui-live-"));
    const sessionFile = join(dir, "live.jsonl");
    screen = spawnTooldbg(["run", AGENT, "--base-url", server.baseURL, "--session", sessionFile], { cwd: dir, columns: 120, rows: 40, env: { OPENAI_API_KEY: FAKE_KEY } });
    await screen.waitForText(/live/);
    await screen.waitForText(/⏸ add \{"a": 2, "b": "3"\}/);
    await screen.waitForText(/type_mismatch b/);

    await screen.press(KEY.enter);
    await screen.waitForText(/It is 5\./);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.body.stream).toBe(true);
    // The second request carries the tool message that states the findings.
    expect(JSON.stringify(server.requests[1]?.body)).toMatch(/call_live.*should be number/);

    await screen.press("q");
    const quitting = await Promise.race([screen.exited.then(() => "exited" as const), screen.waitForText(/\by\b yes/).then(() => "asked" as const)]);
    if (quitting === "asked") await screen.press("y");
    expect(await screen.exited).toBe(0);
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file), "utf8")).not.toContain(FAKE_KEY);
  }, 60_000);
});
