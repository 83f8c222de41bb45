import { describe, expect, it } from "vitest";
import { loadAgent } from "../../../src/engine/agent/load-agent.js";
import { ToolHost } from "../../../src/engine/executor/tool-host.js";

describe("loading an agent module in the worker", () => {
  it("reports the agent's plain-JSON metadata and its tools in the agent's order", async () => {
    const { tools, agent, warnings } = await loadAgent("examples/billing/tools.ts");
    try {
      expect(agent).toMatchObject({
        module: "examples/billing/tools.ts",
        model: "gpt-4o-mini",
        instructions: expect.stringContaining("billing assistant"),
        prompt: expect.stringContaining("INV-123"),
      });
      expect(agent.script).toHaveLength(7);
      expect(agent.script?.[0]).toEqual({ tool_calls: [{ id: "call_status", function: { name: "get_invoice_status", arguments: '{"id":"INV-123"}' } }] });
      expect(agent.tools.map((t) => [t.name, t.executable])).toEqual([
        ["get_invoice_status", true],
        ["create_ticket", true],
        ["get_payment_history", true],
        ["send_invoice_email", true],
        ["refund_invoice", false],
      ]);
      expect(warnings).toEqual([]);
    } finally {
      await tools.close();
    }
  });

  it("names what could not cross as JSON; tools of any shape keep their place", async () => {
    const host = await ToolHost.start({ modules: ["test/fixtures/agents/odd-agent.ts"] });
    try {
      const [agent] = host.agents;
      expect(agent).toMatchObject({ model: "gpt-odd", instructions: "odd", toolNames: ["first", "second", "third"] });
      expect(agent?.script).toBeUndefined();
      expect(agent?.problems).toEqual([expect.stringMatching(/^script is not plain JSON: .*BigInt/)]);
    } finally {
      await host.close();
    }
  });

  it("a module without a default agent reports no agents (its tools still load)", async () => {
    const host = await ToolHost.start({ modules: ["test/fixtures/agents/tools-only.ts"] });
    try {
      expect(host.agents).toEqual([]);
      expect(host.tools.map((t) => t.name)).toEqual(["ping"]);
    } finally {
      await host.close();
    }
  });

  it("an agent whose script is not chat turns is a one-line start error", async () => {
    await expect(loadAgent("test/fixtures/agents/bad-script-agent.ts")).rejects.toThrow(/^test\/fixtures\/agents\/bad-script-agent\.ts: the agent's script is not a list of chat turns .* at script\.0\.tool_calls\.0\.function\.arguments: /);
  });
});
