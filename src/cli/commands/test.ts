import { parseFlags, intFlag } from "../parse-flags.js";
import { EXIT } from "../usage-error.js";
import { startTools } from "../start-tools.js";
import { styleFor } from "../style.js";
import { renderFinding } from "../render.js";
import { findFixtures } from "../../engine/fixtures/find-fixtures.js";
import { replayFixture, type FixtureReport } from "../../engine/fixtures/replay-fixture.js";

export async function testCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags("test", argv, {
    tools: { type: "string", multiple: true },
    mcp: { type: "string", multiple: true },
    timeout: { type: "string" },
    json: { type: "boolean" },
  });
  const timeoutMs = intFlag("timeout", values.timeout, 10_000);
  const loaded = findFixtures(positionals.length > 0 ? positionals : ["fixtures"]);
  const host = await startTools(values.tools ?? [], { timeoutMs, ...(values.mcp ? { mcp: values.mcp } : {}) });
  const s = styleFor(process.stdout);
  const results: { file: string; report?: FixtureReport; error?: string }[] = [];
  try {
    for (const item of loaded) {
      if (!item.ok) {
        results.push({ file: item.file, error: item.message });
        if (!values.json) process.stdout.write(s.shown(`${s.red("ERROR")} ${item.file}: ${item.message}\n`));
        continue;
      }
      const report = await replayFixture(item.fixture, host, { timeoutMs });
      results.push({ file: item.file, report });
      if (!values.json) process.stdout.write(s.shown(`${renderReport(item.file, report, s)}\n`));
    }
  } finally {
    await host.close();
  }
  const passed = results.filter((r) => r.report?.passed).length;
  const failed = results.length - passed;
  const unreadable = results.some((r) => r.error !== undefined);
  if (values.json) {
    const doc = {
      tooldbg: "test/1",
      fixtures: results.map((r) => ({ file: r.file, ...(r.error ? { passed: false, error: r.error } : r.report) })),
      summary: { passed, failed },
    };
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    if (results.length === 0) process.stdout.write(s.shown(`no fixtures found in ${positionals.join(", ") || "fixtures/"}\n`));
    process.stdout.write(`${passed} passed, ${failed} failed\n`);
  }
  if (unreadable) return EXIT.usage;
  return failed > 0 ? EXIT.failures : EXIT.ok;
}

function renderReport(file: string, report: FixtureReport, s: ReturnType<typeof styleFor>): string {
  const head = `${report.passed ? s.green("PASS") : s.red("FAIL")} ${report.name} ${s.dim(file)}`;
  const lines = [head];
  for (const c of report.checks) {
    if (!c.passed || report.checks.length > 1) lines.push(`  ${c.passed ? s.green("✓") : s.red("✗")} ${c.label}: ${c.detail}`);
    if (!c.passed) lines.push(...c.findings.map((f) => `  ${renderFinding(f, s)}`));
  }
  if (report.signatureChanges.length > 0) {
    lines.push(`  ${s.yellow("! signature changed since export:")}`);
    lines.push(...report.signatureChanges.map((f) => `    - ${f.message}`));
  }
  return lines.join("\n");
}
