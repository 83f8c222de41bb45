import type { Finding } from "../engine/diagnosis/finding.js";
import type { ExecutionOutcome } from "../engine/executor/outcome.js";
import type { Style } from "./style.js";

/** Human-readable rendering shared by the commands: findings, outcomes and captured console. */
export function renderFinding(f: Finding, s: Style): string {
  const mark = f.severity === "error" ? s.red("✗") : s.yellow("!");
  const where = f.path ? ` ${s.bold(f.path)}` : "";
  const lines = [`  ${mark} ${s.bold(f.code)}${where}: ${f.message}`];
  const fix = describeSuggestion(f);
  if (fix) lines.push(`      ${s.cyan("fix:")} ${fix}`);
  return lines.join("\n");
}

export function describeSuggestion(f: Finding): string | undefined {
  const sg = f.suggestion;
  if (!sg) return undefined;
  if (sg.rename !== undefined) return `rename "${f.path ?? ""}" to "${sg.rename}"`;
  if (sg.tool !== undefined) return `call "${sg.tool}"`;
  if (Object.hasOwn(sg, "coerce")) return `send ${JSON.stringify(sg.coerce)}`;
  if (sg.arguments !== undefined) return `use ${truncate(sg.arguments, 200)}`;
  return sg.hint;
}

export function renderOutcome(o: ExecutionOutcome, s: Style): string {
  const ms = `${o.durationMs.toFixed(1)} ms`;
  const lines: string[] = [];
  switch (o.status) {
    case "ok":
      lines.push(`${s.green("✓ ran")} in ${ms} (${o.mode})`);
      if (o.omittedResultChars !== undefined) lines.push(`  result: ${s.yellow(`${o.omittedResultChars} characters of JSON, too large to show whole`)}: ${truncate(o.preview, 2000)}`);
      else lines.push(`  result: ${o.result === undefined ? s.dim("(no result)") : truncate(JSON.stringify(o.result), 2000)}`);
      if (o.serialization.length > 0) lines.push(`  as returned: ${truncate(o.preview, 2000)}`);
      break;
    case "error":
      lines.push(`${s.red(o.phase === "validation" ? "✗ rejected by the tool's schema" : "✗ threw")} after ${ms} (${o.mode})`);
      lines.push(`  ${o.error.name}: ${o.error.message}`);
      break;
    case "timeout":
      lines.push(`${s.red("✗ timed out")} after ${o.timeoutMs} ms (${o.mode})`);
      break;
    case "crashed":
      lines.push(`${s.red("✗ worker died")} after ${ms}: ${o.reason}`);
      break;
  }
  lines.push(...renderConsole(o, s));
  return lines.join("\n");
}

function renderConsole(o: ExecutionOutcome, s: Style): string[] {
  const out: string[] = [];
  for (const stream of ["stdout", "stderr"] as const) {
    const text = o.console[stream];
    if (text.length === 0) continue;
    const shown = text.split("\n").slice(0, 20);
    if (shown[shown.length - 1] === "") shown.pop();
    out.push(`  ${s.dim(`${stream}:`)}`, ...shown.map((line) => `    ${s.dim("│")} ${truncate(line, 300)}`));
  }
  if (o.console.droppedBytes > 0) out.push(`  ${s.yellow(`(${o.console.droppedBytes} more bytes of output dropped)`)}`);
  return out;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more chars)`;
}
