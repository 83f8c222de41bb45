import { describe, expect, it } from "vitest";
import { z } from "zod";
import { call, recognize, toolNamed } from "./recognize-helpers.js";

// @openai/agents is not installed. This mirrors what its tool() returns (agents-core src/tool.ts):
// JSON Schema parameters, invoke(runContext, input: string, details?) that parses the string itself
// and turns errors into a string through the default error function, and needsApproval / isEnabled
// always wrapped in async functions.
function agentsTool(options: {
  name: string;
  description: string;
  parameters: z.ZodObject;
  execute: (input: unknown, runContext: unknown, details: unknown) => unknown;
  needsApproval?: boolean;
}) {
  const parameters = { ...z.toJSONSchema(options.parameters), additionalProperties: false };
  delete (parameters as { $schema?: unknown }).$schema;
  return {
    type: "function" as const,
    name: options.name,
    description: options.description,
    parameters,
    strict: true,
    invoke: async (runContext: unknown, input: string, details?: unknown) => {
      try {
        let parsed: unknown;
        try {
          parsed = options.parameters.parse(JSON.parse(input));
        } catch {
          throw new Error("Invalid JSON input for tool");
        }
        return await options.execute(parsed, runContext, details);
      } catch (error) {
        return `An error occurred while running the tool. Please try again. Error: ${String(error)}`;
      }
    },
    needsApproval: async () => options.needsApproval ?? false,
    isEnabled: async () => true,
  };
}

describe("OpenAI Agents SDK tool()", () => {
  const seen: unknown[] = [];
  const getWeather = agentsTool({
    name: "get_weather",
    description: "Weather for a city",
    parameters: z.object({ city: z.string() }),
    execute: (input, runContext, details) => {
      seen.push({ input, runContext, details });
      return `sunny in ${(input as { city: string }).city}`;
    },
  });

  it("is read with its JSON Schema and is executable", () => {
    const { tools, errors } = recognize({ getWeather });
    expect(errors).toEqual([]);
    expect(toolNamed(tools, "get_weather").spec).toMatchObject({
      shape: "openai-agents",
      description: "Weather for a city",
      executable: true,
      sideEffects: false,
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
    });
  });

  it("both modes go through invoke with the raw arguments string; the SDK parses inside", async () => {
    const t = toolNamed(recognize({ getWeather }).tools, "get_weather");
    await expect(call(t, { city: "Oslo" }, "validated", '{"city":"Oslo"}')).resolves.toBe("sunny in Oslo");
    await expect(call(t, { city: "Bergen" }, "raw", '{"city":"Bergen"}')).resolves.toBe("sunny in Bergen");
    const last = seen.at(-1) as { runContext: { context: unknown }; details: { toolCall: { arguments: string } } };
    expect(last.runContext.context).toEqual({});
    expect(last.details.toolCall.arguments).toBe('{"city":"Bergen"}');
    // A rejection comes back as the SDK's error string, as the agent would see it.
    await expect(call(t, { town: "Oslo" }, "validated", '{"town":"Oslo"}')).resolves.toMatch(/^An error occurred while running the tool/);
  });

  it("side effects from a literal needsApproval: true or sideEffects: true", () => {
    const literal = { ...getWeather, name: "literal", needsApproval: true };
    const flagged = { ...getWeather, name: "flagged", sideEffects: true };
    // tool() wraps needsApproval in a function that needs a run context: not evaluated at load.
    const wrapped = agentsTool({ name: "wrapped", description: "", parameters: z.object({}), execute: () => 1, needsApproval: true });
    const { tools } = recognize({ literal, flagged, wrapped });
    expect(tools.map((t) => [t.spec.name, t.spec.sideEffects])).toEqual([
      ["literal", true],
      ["flagged", true],
      ["wrapped", false],
    ]);
  });

  it("tools of an Agents SDK Agent instance are found through its `tools`", () => {
    class Agent {
      name = "Weather agent";
      instructions = "Answer about weather";
      handoffs: unknown[] = [];
      constructor(readonly tools: unknown[]) {}
    }
    const { tools } = recognize({ default: new Agent([getWeather]) });
    expect(tools.map((t) => t.spec.source.exportName)).toEqual(["default.tools[0]"]);
  });
});
