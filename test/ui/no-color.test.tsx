import "./force-color.js";
import { afterEach, describe, expect, it } from "vitest";
import stringWidth from "string-width";
import { renderApp, type RenderedApp } from "./render-helper.js";
import { FakeWorkbench } from "./fake-workbench.js";
import { badCall, pausedBadCallState } from "./fixture-states.js";

const ESCAPE = "\x1b[";
let app: RenderedApp | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

describe("text from the log", () => {
  it("reaches the terminal with its control characters escaped, colour on or off", async () => {
    const hostile = { ...badCall, id: "call_\x1b[2J", arguments: '{"id":"INV-1\x1b]52;c;ZXZpbA==\x07"}', model: "gpt\rFAKE" };
    for (const noColor of [false, true]) {
      app = await renderApp(new FakeWorkbench(pausedBadCallState({ calls: [hostile] })), { columns: 120, rows: 40, noColor });
      const frame = await app.waitFor((f) => f.includes("Findings (2)"));
      // Escaped, it takes more columns than it has characters: it wraps, and every piece is shown.
      expect(frame).toContain("\\u001b]52;c;ZXZpbA=");
      expect(frame).toContain("\\u0007");
      expect(frame).not.toContain("\x1b]52");
      expect(frame).not.toContain("\x1b[2J");
      expect(frame).not.toContain("\r");
      app.unmount();
      app = undefined;
    }
  });
});

describe("wide text from the log", () => {
  it("is wrapped by the columns it takes: no character of the arguments is cut off", async () => {
    const words = "客户询问发票的重复扣款请尽快处理退款事宜并回复邮件确认收到";
    const call = { ...badCall, arguments: `{"id":"INV-1","summary":"${words}"}` };
    for (const noColor of [false, true]) {
      app = await renderApp(new FakeWorkbench(pausedBadCallState({ calls: [call] })), { columns: 100, rows: 40, noColor });
      const frame = await app.waitFor((f) => f.includes("Findings (2)"));
      // eslint-disable-next-line no-control-regex -- colour codes are taken off to read the text
      const rows = frame.replace(/\x1b\[[0-9;]*m/g, "").split("\n");
      for (const row of rows) expect(stringWidth(row)).toBeLessThanOrEqual(100);
      const shown = rows.join("");
      for (const char of words) expect(shown).toContain(char);
      app.unmount();
      app = undefined;
    }
  });
});

describe("colour", () => {
  it("is on by default: findings and highlights are styled", async () => {
    app = await renderApp(new FakeWorkbench(pausedBadCallState()), { columns: 120, rows: 40 });
    const frame = await app.waitFor((f) => f.includes("Findings (2)"));
    expect(frame).toContain(ESCAPE);
    // The unexpected key and its value are underlined in the raw arguments, the brace is not.
    // eslint-disable-next-line no-control-regex -- the escape codes are what this test is about
    expect(frame).toMatch(/\{\x1b\[[0-9;]*m(\x1b\[[0-9;]*m)*"id":"INV-123"/);
    expect(frame).toContain("\x1b[4m");
  });

  it("NO_COLOR draws plain text: no escape codes, carets under the highlighted span, the cursor row marked", async () => {
    app = await renderApp(new FakeWorkbench(pausedBadCallState()), { columns: 80, rows: 30, noColor: true });
    const frame = await app.waitFor((f) => f.includes("Findings (2)"));
    expect(frame).not.toContain("\x1b");
    const lines = frame.split("\n");
    const argumentsIndex = lines.findIndex((line) => line.startsWith('{"id":"INV-123"}'));
    expect(argumentsIndex).toBeGreaterThan(0);
    // `"id":"INV-123"` (the unexpected key with its value) is underlined with carets.
    expect(lines[argumentsIndex + 1]?.startsWith(" ^^^^^^^^^^^^^^")).toBe(true);
    expect(frame).toContain("›   ⏸ get_invoice_status");
  });
});
