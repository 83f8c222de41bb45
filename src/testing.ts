/**
 * `tooldbg/testing`: replay fixtures inside your own vitest or node:test suite.
 *
 *   import { test, after } from "node:test";
 *   import { fixturesIn, replay, closeTools } from "tooldbg/testing";
 *   after(closeTools);
 *   for (const f of fixturesIn("fixtures")) test(f.name, () => replay(f, { tools: "./src/tools.ts" }));
 */
import { resolve } from "node:path";
import { ToolHost } from "./engine/executor/tool-host.js";
import { findFixtures } from "./engine/fixtures/find-fixtures.js";
import { replayFixture, type FixtureReport } from "./engine/fixtures/replay-fixture.js";
import type { Fixture } from "./engine/fixtures/fixture-format.js";

export type { Fixture } from "./engine/fixtures/fixture-format.js";
export type { FixtureReport, ExpectationCheck } from "./engine/fixtures/replay-fixture.js";

export interface NamedFixture {
  name: string;
  file: string;
  fixture: Fixture;
}

export interface ReplayOptions {
  /** Tool module(s), resolved from the current working directory. */
  tools: string | readonly string[];
  timeoutMs?: number;
}

/** Every fixture under the given paths, synchronously (so tests can be registered per fixture). Throws on an unreadable one. */
export function fixturesIn(...paths: string[]): NamedFixture[] {
  return findFixtures(paths.length > 0 ? paths : ["fixtures"]).map((item) => {
    if (!item.ok) throw new Error(`tooldbg: ${item.file}: ${item.message}`);
    return { name: item.fixture.name, file: item.file, fixture: item.fixture };
  });
}

const hosts = new Map<string, Promise<ToolHost>>();

function hostFor(opts: ReplayOptions): Promise<ToolHost> {
  const modules = (typeof opts.tools === "string" ? [opts.tools] : [...opts.tools]).map((m) => resolve(m));
  const key = JSON.stringify([modules, opts.timeoutMs]);
  let host = hosts.get(key);
  if (!host) {
    host = ToolHost.start({ modules, cwd: process.cwd(), ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) }).then(async (h) => {
      const fatal = h.loadErrors.filter((e) => e.kind !== "invalid_tool");
      if (fatal.length > 0) {
        await h.close();
        throw new Error(`tooldbg: cannot load tools: ${fatal.map((e) => `${e.module}: ${e.message}`).join("; ")}`);
      }
      return h;
    });
    hosts.set(key, host);
  }
  return host;
}

/** Replay one fixture and return the report without asserting. */
export async function replayReport(fixture: Fixture | NamedFixture, opts: ReplayOptions): Promise<FixtureReport> {
  const f = "fixture" in fixture ? fixture.fixture : fixture;
  return replayFixture(f, await hostFor(opts), opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {});
}

/** Replay one fixture; throws an Error that says what regressed when it does not pass. */
export async function replay(fixture: Fixture | NamedFixture, opts: ReplayOptions): Promise<FixtureReport> {
  const report = await replayReport(fixture, opts);
  if (!report.passed) {
    const failures = report.checks.filter((c) => !c.passed).map((c) => `${c.label}: ${c.detail}`);
    throw new Error(`fixture "${report.name}" regressed:\n  ${failures.join("\n  ")}`);
  }
  return report;
}

/** Stop the tool workers started by replay(); call it from your suite's after/afterAll hook. */
export async function closeTools(): Promise<void> {
  const all = [...hosts.values()];
  hosts.clear();
  await Promise.all(all.map(async (h) => (await h.catch(() => undefined))?.close()));
}
