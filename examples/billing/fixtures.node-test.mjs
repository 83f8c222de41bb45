// Replaying tooldbg fixtures inside a node:test suite: `node --test examples/billing/fixtures.node-test.mjs`.
import { test, after } from "node:test";
import { fixturesIn, replay, closeTools } from "tooldbg/testing";

after(closeTools);

for (const f of fixturesIn("examples/billing/fixtures")) {
  test(f.name, () => replay(f, { tools: "examples/billing/tools.ts" }));
}
