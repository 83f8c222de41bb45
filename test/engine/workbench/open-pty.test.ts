import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ptyTestBed, quit } from "../../helpers/pty-screen.js";
import { REPO, runCli } from "../../helpers/run-cli.js";

const TOOLS = join(REPO, "examples/billing/tools.ts");
const LOG = join(REPO, "examples/logs/prod-openai-chat.jsonl");
const bed = ptyTestBed();

describe("tooldbg open in a terminal", () => {
  it("loads the log, f fixes, r re-runs beside the logged error, x exports, q asks and quits; the fixture replays", async () => {
    const dir = bed.scratch("tooldbg-tui-open-");
    const screen = bed.spawn(["open", LOG, "--tools", TOOLS], { cwd: dir, columns: 120, rows: 40 });
    await screen.waitForText(/open prod-openai-chat\.jsonl/);
    await screen.waitForText(/6 calls/);
    await screen.waitForText(/KeyError: 'invoice_id'/);

    await screen.press("f");
    await screen.waitForText(/\{"invoice_id":"INV-123"\}/);
    await screen.press("r");
    await screen.waitForText(/"status": "paid"/);

    await screen.press("x");
    await screen.waitForText(/fixtures\/get_invoice_status\/\S+\.json/);

    expect(await quit(screen, /Quit\?/)).toBe(0);

    const fixtures = join(dir, "fixtures");
    expect(readdirSync(join(fixtures, "get_invoice_status"))).toHaveLength(1);
    const replay = await runCli(["test", fixtures, "--tools", TOOLS]);
    expect(replay.code, replay.stdout + replay.stderr).toBe(0);
  }, 90_000);
});
