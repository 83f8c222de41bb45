import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEY, ptyTestBed, quit } from "../helpers/pty-screen.js";
import { REPO, runCli } from "../helpers/run-cli.js";

const TOOLS = join(REPO, "examples/billing/tools.ts");
const bed = ptyTestBed();

const listFixtures = (root: string): string[] => readdirSync(root, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".json"));

describe("tooldbg run in a terminal (offline demo, no OPENAI_API_KEY)", () => {
  it("pauses at id-for-invoice_id, f fixes, r re-runs, x exports, enter/c continue, q quits; the fixture replays", async () => {
    const dir = bed.scratch("tooldbg-tui-run-");
    const screen = bed.spawn(["run", TOOLS], { cwd: dir, columns: 120, rows: 40 });
    await screen.waitForText(/scripted \(no OPENAI_API_KEY\)/);
    await screen.waitForText(/⏸ get_invoice_status \{"id":"INV-123/);
    await screen.waitForText(/✗ invoice_id {2}missing/);
    await screen.waitForText(/rename id to invoice_id/);

    await screen.press("f");
    await screen.waitForText(/Edited arguments/);
    await screen.waitForText(/\{"invoice_id":"INV-123"\}/);

    await screen.press("r");
    await screen.waitForText(/Result ✓ ok · run 1 · validated/);
    await screen.waitForText(/"status": "paid"/);

    await screen.press("x");
    const exported = await screen.waitForText(/fixtures\/get_invoice_status\/\S+\.json/);
    expect(exported).toMatch(/✓ /);

    // enter sends the fixed call on; the next stop is the ticket with a word for a priority.
    await screen.press(KEY.enter);
    await screen.waitForText(/⏸ create_ticket/);
    await screen.waitForText(/type_mismatch priority/);
    await screen.press("c");
    await screen.waitForText(/⏸ lookup_customer|unknown_tool/);

    expect(await quit(screen, /Confirm|\by\b yes/)).toBe(0);

    const fixturesDir = join(dir, "fixtures");
    expect(listFixtures(fixturesDir).length).toBeGreaterThan(0);
    const replay = await runCli(["test", fixturesDir, "--tools", TOOLS]);
    expect(replay.code, replay.stdout + replay.stderr).toBe(0);
  }, 90_000);
});
