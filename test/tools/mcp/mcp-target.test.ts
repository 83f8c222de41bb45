import { describe, expect, it } from "vitest";
import { parseMcpTarget, splitCommandLine } from "../../../src/tools/mcp/mcp-target.js";

describe("splitCommandLine: quoting as a shell does, nothing evaluated", () => {
  it.each([
    ["node server.js --flag", ["node", "server.js", "--flag"]],
    ["  node   server.js  ", ["node", "server.js"]],
    [`node 'my server.js' "--name=a b"`, ["node", "my server.js", "--name=a b"]],
    [`node my\\ server.js`, ["node", "my server.js"]],
    [`echo "say \\"hi\\" \\$HOME \\\\ \\n"`, ["echo", `say "hi" $HOME \\ \\n`]],
    [`echo 'no $HOME or \\ escapes'`, ["echo", "no $HOME or \\ escapes"]],
    [`echo $HOME *.js | cat`, ["echo", "$HOME", "*.js", "|", "cat"]],
    [`node a''b ""`, ["node", "ab", ""]],
    ["node \\\n server.js", ["node", "server.js"]],
  ])("%s", (line, words) => {
    expect(splitCommandLine(line)).toEqual({ ok: true, words });
  });

  it.each([[`node 'open`, "unterminated ' quote"], [`node "open`, 'unterminated " quote'], ["node \\", "a trailing backslash escapes nothing"]])("%s is refused", (line, message) => {
    expect(splitCommandLine(line)).toEqual({ ok: false, message });
  });
});

describe("parseMcpTarget", () => {
  it("a command line is a stdio server; leading NAME=value words are its environment", () => {
    expect(parseMcpTarget("API_TOKEN=abc DEBUG= node server.mjs --x")).toEqual({
      ok: true,
      target: { kind: "stdio", command: "node", args: ["server.mjs", "--x"], env: { API_TOKEN: "abc", DEBUG: "" }, label: "API_TOKEN=abc DEBUG= node server.mjs --x" },
    });
  });

  it("an http(s) URL is a streamable-HTTP server", () => {
    const parsed = parseMcpTarget("http://127.0.0.1:3000/mcp");
    expect(parsed.ok && parsed.target.kind === "http" && parsed.target.url.href).toBe("http://127.0.0.1:3000/mcp");
  });

  it.each([
    ["", "--mcp needs a command line or an http(s):// URL"],
    ["ws://127.0.0.1/mcp", "only http:// and https://"],
    ["http://[bad", "not a valid URL"],
    ["FOO=1", "no command to run"],
    ["node 'x", "unterminated"],
  ])("%j is a one-line error", (text, message) => {
    const parsed = parseMcpTarget(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });
});
