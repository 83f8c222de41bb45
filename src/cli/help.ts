/** Help texts, one per command. Kept beside each other so the top-level list and the details agree. */
export const COMMANDS = {
  call: {
    summary: "Execute one tool call in isolation and diagnose it",
    usage: "tooldbg call <tool> [ARGS_JSON] (--tools MODULE | --mcp CMD_OR_URL) [--raw] [--timeout MS] [--json] [--export [DIR]]",
    details: `ARGS_JSON is the arguments string as the model produced it; without it, stdin is read
(when piped), else "{}". The call is diagnosed against the tool's signature first; a call
that fails validation is not executed unless --raw is given (raw mode hands the parsed JSON
straight to execute, reproducing what a runtime without validation did).

Options:
  --tools MODULE   a .ts/.js module exporting tools (repeatable)
  --mcp CMD_OR_URL an MCP server: a command line (stdio) or an http(s) URL (streamable HTTP); repeatable
  --raw            execute even if validation fails, without parsing through the schema
  --timeout MS     kill the tool after MS milliseconds (default 10000; an MCP call is cancelled)
  --json           print one JSON document (findings, outcome, captured console)
  --export [DIR]   save the call as a regression fixture (default DIR: fixtures)

Exit: 0 the call is clean and ran; 1 findings or the tool failed; 2 usage or input error.

Example:
  tooldbg call get_invoice_status '{"id":"INV-123"}' --tools examples/billing/tools.ts
  tooldbg call get_invoice_status '{"id":"INV-123"}' --mcp "node server.js" --json   (JSON-RPC frames in mcpFrames)`,
  },
  schema: {
    summary: "Print every tool's signature and the JSON Schema the model sees",
    usage: "tooldbg schema (--tools MODULE | --mcp CMD_OR_URL) [--json]",
    details: `Options:
  --tools MODULE   a .ts/.js module exporting tools (repeatable)
  --mcp CMD_OR_URL an MCP server: a command line (stdio) or an http(s) URL (streamable HTTP); repeatable
  --json           print one JSON document

Example:
  tooldbg schema --tools examples/billing/tools.ts
  tooldbg schema --mcp "npx -y @modelcontextprotocol/server-everything"
  tooldbg schema --mcp http://127.0.0.1:3000/mcp`,
  },
  test: {
    summary: "Replay regression fixtures against the current tools",
    usage: "tooldbg test [FIXTURE_OR_DIR]... (--tools MODULE | --mcp CMD_OR_URL) [--timeout MS] [--json]",
    details: `Each fixture's expectation is checked: the same diagnoses, a clean run (and result), or an
error matching its text; a fixture's "fixed" arguments are checked too. A tool whose
signature changed since the fixture was exported is reported. Default path: fixtures/.

Options:
  --tools MODULE   a .ts/.js module exporting tools (repeatable)
  --mcp CMD_OR_URL an MCP server: a command line (stdio) or an http(s) URL (streamable HTTP); repeatable
  --timeout MS     per-call time limit (default 10000)
  --json           print one JSON document

Exit: 0 all passed; 1 a regression; 2 usage error or an unreadable fixture.

Example:
  tooldbg test examples/billing/fixtures --tools examples/billing/tools.ts`,
  },
  scan: {
    summary: "Triage captured production logs headless: diagnose every tool call",
    usage: "tooldbg scan <log>... [--tools MODULE] [--mcp CMD_OR_URL] [--format F] [--json|--jsonl] [--execute [--allow-side-effects]]",
    details: `Formats are detected from each file's content: openai-chat, openai-responses, anthropic,
autogen, langchain (LangSmith run exports, LangChain message dumps), otel, and tooldbg
session files. A gzip log is read as its text; - reads a log piped in. A directory stands for
the files in it and its subdirectories, in name order (hidden ones and files of no known format
are skipped, with a warning for the latter).
Without --tools, calls are checked against the schemas the log advertised;
with --tools, against your executable tools too (not_executable and schema_drift apply).
A bad line is reported with file:line and skipped. Tools never run unless --execute.

Options:
  --tools MODULE          a .ts/.js module exporting tools (repeatable)
  --mcp CMD_OR_URL        an MCP server's tools: a command line (stdio) or an http(s) URL; repeatable
  --format F              skip detection: openai-chat, openai-responses, anthropic, autogen, langchain, otel, tooldbg
  --json                  one JSON document (scan/1)
  --jsonl                 one call object per line as they are read, then the summary
  --execute               re-run valid calls in the isolated worker (needs --tools)
  --allow-side-effects    with --execute, also run tools declared side-effecting
  --timeout MS            per-call time limit for --execute (default 10000)

Exit: 0 no failing call; 1 failing calls found; 2 unreadable file, unknown format, bad flag.

Example:
  tooldbg scan examples/logs/prod-openai-chat.jsonl --tools examples/billing/tools.ts`,
  },
  export: {
    summary: "Export one logged call as a regression fixture",
    usage: "tooldbg export <log> --call ID [--out DIR] [--tools MODULE] [--mcp CMD_OR_URL] [--format F] [--allow-side-effects]",
    details: `Writes fixtures/<tool>/<slug>.json (never over an existing file; secrets redacted). With
--tools, the call is re-run in the isolated worker so the fixture expects what happens today
(side-effecting tools only with --allow-side-effects); otherwise the expectation comes from the
diagnosis and the logged result. A mechanically fixed version is added when one validates.

Options:
  --call ID               the call id (scan --json lists them)
  --out DIR               where fixtures go (default fixtures)
  --tools MODULE          a .ts/.js module exporting tools (repeatable)
  --mcp CMD_OR_URL        an MCP server's tools: a command line (stdio) or an http(s) URL; repeatable
  --format F              skip format detection
  --allow-side-effects    re-run a side-effecting tool
  --timeout MS            per-call time limit (default 10000)

Example:
  tooldbg export examples/logs/prod-openai-chat.jsonl --call call_9f2a --tools examples/billing/tools.ts`,
  },
  run: {
    summary: "Run an agent step by step: every tool call diagnosed, paused, executed in isolation",
    usage: "tooldbg run <agent-module> [--prompt TEXT] [--model M] [--base-url URL] [--break always|failures|never] [--session FILE] [--replay LOG [--allow-side-effects]] [--scripted] [--mcp CMD_OR_URL] [--max-steps N] [--timeout MS] [--out DIR] [--headless [--json]]",
    details: `The module's default export is defineAgent({ model, instructions, prompt, tools, script }).
Model turns come from an OpenAI-compatible server (OPENAI_API_KEY, OPENAI_BASE_URL or
--base-url, --model; default the agent's model); with no key, from the agent's script
(offline), or from a captured log with --replay. Each tool call is diagnosed, then executed in
the isolated worker; a call whose arguments fail validation is not run and the model is told
why. Every event is appended to sessions/<time>-<agent>.jsonl as it happens. MCP servers'
tools (--mcp) join the agent's, run through tools/call, every JSON-RPC frame in the session.

Options:
  --prompt TEXT          the first user message (default: the agent's prompt)
  --model M              the model to ask (default: the agent's model)
  --base-url URL         an OpenAI-compatible server (vLLM, Ollama, llama.cpp, LM Studio)
  --break MODE           always | failures (default) | never: where the TUI pauses
  --session FILE         write the session here instead of sessions/
  --replay LOG           take the model turns from a captured log (side-effecting tools
                         pause first; headless skips them unless --allow-side-effects)
  --allow-side-effects   with --replay, run side-effecting tools without asking
  --scripted             use the agent's script even when OPENAI_API_KEY is set
  --mcp CMD_OR_URL       an MCP server (command line or http(s) URL) whose tools join the
                         agent's (repeatable); destructiveHint tools count as side-effecting
  --max-steps N          stop after N model turns (default 50)
  --out DIR              where x writes fixtures in the TUI (default fixtures)
  --timeout MS           per-call time limit (default 10000)
  --headless             no TUI (CI): break mode never, one line per event
  --json                 with --headless: the session/1 lines, one event per line

Exit (headless): 0 every call ran clean and the model answered; 1 a call failed, the model
failed or --max-steps cut the session off; 2 usage error.

Example:
  tooldbg run examples/billing/tools.ts --headless`,
  },
  open: {
    summary: "Browse and replay the tool calls of captured logs or recorded sessions in the TUI",
    usage: "tooldbg open <log-or-session>... [--tools MODULE] [--mcp CMD_OR_URL] [--format F] [--timeout MS] [--out DIR]",
    details: `Every tool call of the files, diagnosed, in the workbench; calls appear while a large log is
still loading. Formats are detected, and directories read, as for scan. Tools run only when asked: r re-executes the
selected call validated, R raw; the fresh result is shown beside the logged one, with a diff.
Tools declared side-effecting ask first. x writes a fixture (never over an existing file).
Needs a terminal; for a report without one, use tooldbg scan.

Options:
  --tools MODULE       a .ts/.js module exporting tools (repeatable): calls can be re-run
  --mcp CMD_OR_URL     an MCP server's tools (repeatable)
  --format F           skip detection: openai-chat, openai-responses, anthropic, autogen, langchain, otel, tooldbg
  --timeout MS         per-call time limit (default 10000)
  --out DIR            where x writes fixtures (default fixtures)

Example:
  tooldbg open examples/logs/prod-openai-chat.jsonl --tools examples/billing/tools.ts`,
  },
  proxy: {
    summary: "Record an app's OpenAI traffic: a proxy that logs every chat exchange for scan/open",
    usage: "tooldbg proxy --upstream URL [--port N] [--out DIR] [--timeout MS] [--grace MS]",
    details: `Point the app's OPENAI_BASE_URL at the printed address and --upstream at what
OPENAI_BASE_URL was: the upstream's path is put in front of every request path. Requests and
responses pass through unchanged (streams chunk by chunk, as they arrive); each chat completions
exchange is appended to DIR/<YYYY-MM-DD>.jsonl (UTC day) as one openai-chat line, streams
re-assembled beside their raw chunks; each Responses API call goes to
DIR/<YYYY-MM-DD>.responses.jsonl (openai-responses). Authorization, api-key, x-api-key and API
keys anywhere are never written. Other endpoints are forwarded without being logged. Listens on
127.0.0.1 only. An unreachable upstream gives the client a 502, a silent one a 504 (OpenAI error
shape). SIGINT/SIGTERM stop accepting, let in-flight exchanges finish, flush and exit 0.

Options:
  --upstream URL   where requests go, e.g. https://api.openai.com/v1 (required)
  --port N         port to listen on (default 7878; 0 picks a free one)
  --out DIR        where the logs go (default logs)
  --timeout MS     longest wait for the upstream's response or its next chunk (default 600000)
  --grace MS       on SIGINT/SIGTERM, how long in-flight exchanges may take to finish (default 10000)

Example:
  tooldbg proxy --upstream https://api.openai.com/v1 --port 7878
  OPENAI_BASE_URL=http://127.0.0.1:7878 node my-agent.js
  tooldbg scan logs/*.jsonl`,
  },
} as const;

export type CommandName = keyof typeof COMMANDS;

/** Commands of the product contract that this build does not ship yet. */
export const PLANNED: readonly string[] = [];

export function topLevelHelp(version: string): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `tooldbg ${version} — debug AI-agent tool-calling failures

Usage: tooldbg <command> [options]

Commands:
${lines.join("\n")}

Run 'tooldbg <command> --help' for a command's options and an example.
Exit codes: 0 all good, 1 failures found, 2 usage or input error.`;
}

export function commandHelp(name: CommandName): string {
  const c = COMMANDS[name];
  return `${c.summary}\n\nUsage: ${c.usage}\n\n${c.details}`;
}
