import { parseFlags } from "../parse-flags.js";
import { UsageError, EXIT } from "../usage-error.js";
import { startTools } from "../start-tools.js";
import { styleFor } from "../style.js";
import { describeParameters, formatSignature } from "../../tools/signature.js";
import { isMcpToolSpec } from "../../tools/mcp/mcp-tool-spec.js";

export async function schemaCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags("schema", argv, {
    tools: { type: "string", multiple: true },
    mcp: { type: "string", multiple: true },
    json: { type: "boolean" },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"; name modules with --tools MODULE`);
  const host = await startTools(values.tools ?? [], values.mcp ? { mcp: values.mcp } : {});
  try {
    if (values.json) {
      const tools = host.tools.map((t) => ({ ...t, signature: formatSignature(t), rows: describeParameters(t.parameters) }));
      process.stdout.write(`${JSON.stringify({ tooldbg: "schema/1", tools }, null, 2)}\n`);
      return EXIT.ok;
    }
    const s = styleFor(process.stdout);
    const blocks = host.tools.map((t) => {
      const readOnly = isMcpToolSpec(t) && t.mcp.readOnly === true ? s.dim("read-only") : undefined;
      const flags = [t.executable ? undefined : s.yellow("schema-only"), t.sideEffects ? s.yellow("side effects") : undefined, readOnly].filter(Boolean);
      const lines = [`${s.bold(formatSignature(t))}${flags.length ? `  [${flags.join(", ")}]` : ""}`];
      if (t.description) lines.push(`  ${t.description}`);
      lines.push(s.dim(`  from ${t.source.module} (${t.source.exportName}, ${t.shape})`));
      const rows = describeParameters(t.parameters);
      const width = Math.max(4, ...rows.map((r) => r.path.length));
      for (const r of rows) {
        const req = r.required ? s.red("required") : s.dim("optional");
        const extra = [r.description, r.constraints].filter(Boolean).join(" · ");
        lines.push(`  ${r.path.padEnd(width)}  ${r.type.padEnd(10)} ${req}${extra ? `  ${extra}` : ""}`);
      }
      if (rows.length === 0) lines.push(s.dim("  (no parameters)"));
      lines.push(s.dim("  JSON Schema the model sees:"), ...JSON.stringify(t.parameters, null, 2).split("\n").map((l) => `    ${l}`));
      return lines.join("\n");
    });
    process.stdout.write(s.shown(`${blocks.join("\n\n")}\n`));
    return EXIT.ok;
  } finally {
    await host.close();
  }
}
