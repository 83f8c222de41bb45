// A tooldbg stand-in for parent-exit.test.ts: starts a ToolHost, reports its worker's pid on
// stdout, then either exits without close() or keeps a tool spinning until it is killed.
import { ToolHost } from "../../../src/engine/executor/tool-host.js";

const scenario = process.argv[2];
const host = await ToolHost.start({ modules: ["test/fixtures/tools/hostile.ts"] });
const whoami = await host.call({ tool: "whoami", args: {}, argumentsText: "{}", mode: "raw" });
const pid = whoami.status === "ok" ? (whoami.result as { pid: number }).pid : undefined;
process.stdout.write(`${JSON.stringify({ pid })}\n`);

if (scenario === "exit-without-close") {
  process.exit(0);
} else if (scenario === "close") {
  // The await must hold the event loop open until the worker is really gone.
  await host.close();
  process.stdout.write(`${JSON.stringify({ closed: true })}\n`);
} else if (scenario === "idle") {
  // Nothing else to do: an idle host must not keep this process alive.
} else {
  void host.call(
    { tool: "spins", args: {}, argumentsText: "{}", mode: "raw", timeoutMs: 600_000 },
    { onOutput: () => process.stdout.write(`${JSON.stringify({ spinning: true })}\n`) },
  );
}
