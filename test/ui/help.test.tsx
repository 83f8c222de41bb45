import { afterEach, describe, expect, it } from "vitest";
import { renderApp, type RenderedApp } from "./render-helper.js";
import { FakeWorkbench } from "./fake-workbench.js";
import { pausedBadCallState, manyCallsState } from "./fixture-states.js";
import { appliesTo, KEYMAP, keysLabel } from "../../src/ui/keymap.js";
import { helpLines } from "../../src/ui/panes/help-lines.js";
import { keyBarLine } from "../../src/ui/panes/footer-lines.js";

let app: RenderedApp | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

const text = (line: readonly { text: string }[]) => line.map((part) => part.text).join("");

describe("help and key bar come from the keymap", () => {
  it("the help overlay lists exactly the bindings of the mode", async () => {
    const workbench = new FakeWorkbench(pausedBadCallState());
    app = await renderApp(workbench, { columns: 200, rows: 60 });
    await app.press("?");
    const frame = await app.waitFor((f) => f.includes("Inline editor"), "the help overlay");
    const shown = frame.split("\n").filter((line) => line.startsWith("  ") && !line.startsWith("── "));
    const expected = KEYMAP.filter((binding) => appliesTo(binding, "run")).map((binding) => `  ${keysLabel(binding)}`);
    expect(shown).toHaveLength(expected.length);
    for (const binding of KEYMAP.filter((b) => appliesTo(b, "run"))) {
      expect(shown.some((line) => line.trimStart().startsWith(keysLabel(binding)) && line.endsWith(binding.description))).toBe(true);
    }
    await app.press("?");
    await app.waitFor((f) => f.includes("Findings (2)"), "the help closed");
  });

  it("every spec key is bound (SPEC §4.2)", () => {
    const keys = new Set(KEYMAP.flatMap((binding) => binding.keys));
    for (const key of ["up", "down", "j", "k", "return", "n", "c", "e", "E", "f", "r", "R", "x", "b", "/", "q", "?", "s", "pageup", "pagedown", "g", "G", "escape"]) expect(keys.has(key), key).toBe(true);
  });

  it("open mode hides the live-session keys from help and bar", () => {
    const lines = helpLines("open", 120).map(text);
    expect(lines.some((line) => line.includes("continue to the next breakpoint"))).toBe(false);
    expect(lines.some((line) => line.includes("execute the selected call"))).toBe(true);
    const bar = text(keyBarLine(manyCallsState(3), 200));
    expect(bar).toContain("execute");
    expect(bar).not.toContain("break");
  });

  it("the key bar keeps help and quit when cut to 40 columns", () => {
    const bar = text(keyBarLine(pausedBadCallState(), 40));
    expect(bar).toContain("? help");
    expect(bar).toContain("q quit");
  });
});
