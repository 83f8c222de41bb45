import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, parseJsonOutput, REPO } from "../helpers/run-cli.js";

const BILLING = join(REPO, "examples/billing/tools.ts");
const tmp = () => mkdtempSync(join(tmpdir(), "tooldbg-fx-"));

describe("fixtures: export with call, replay with test (real binary)", () => {
  it("exports a failing call with its verified fix, never overwrites, and replays clean", async () => {
    const dir = tmp();
    const args = ["call", "get_invoice_status", '{"id":"INV-123"}', "--tools", BILLING, "--export", dir];
    const first = await runCli(args);
    expect(first.code).toBe(1);
    const path = join(dir, "get_invoice_status", "id-instead-of-invoice-id.json");
    expect(first.stdout).toContain(`fixture: ${path}`);
    const fixture = JSON.parse(readFileSync(path, "utf8"));
    expect(fixture).toMatchObject({
      tooldbg: "fixture/1",
      name: "get_invoice_status: id instead of invoice_id",
      tool: "get_invoice_status",
      arguments: '{"id":"INV-123"}',
      expect: { diagnoses: ["unexpected_argument", "missing_argument"] },
      fixed: { arguments: '{"invoice_id":"INV-123"}', expect: { ok: true } },
    });
    expect(fixture.signature).toMatchObject({ properties: { invoice_id: { type: "string", description: "Invoice ID like INV-123" } } });

    const second = await runCli(args);
    expect(second.stdout).toContain("id-instead-of-invoice-id-2.json");
    expect(readFileSync(path, "utf8")).toBe(`${JSON.stringify(fixture, null, 2)}\n`);
    expect(readdirSync(join(dir, "get_invoice_status")).filter((f) => f.endsWith(".tmp") || f.startsWith("."))).toEqual([]);

    const replay = await runCli(["test", dir, "--tools", BILLING]);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(/PASS get_invoice_status: id instead of invoice_id/);
    expect(replay.stdout.trim().split("\n").at(-1)).toBe("2 passed, 0 failed");
  });

  it("redacts secrets from exported fixtures, keeping the other bytes", async () => {
    const dir = tmp();
    const mod = join(dir, "auth-tools.ts");
    writeFileSync(
      mod,
      `import { tool } from "tooldbg"; import { z } from "zod";
export const login = tool({ name: "login", parameters: z.object({ user: z.string(), password: z.string() }), execute: () => { throw new Error("locked"); } });`,
    );
    const args = '{"user":"ana", "password":"hunter2", "note":"sk-proj-abcdefghijklmnopqrstuvwx"}';
    await runCli(["call", "login", args, "--tools", mod, "--export", join(dir, "fx")]);
    const [file] = readdirSync(join(dir, "fx", "login"));
    const text = readFileSync(join(dir, "fx", "login", file ?? ""), "utf8");
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("sk-proj-abcdefghij");
    expect(JSON.parse(text).arguments).toBe('{"user":"ana", "password":"[REDACTED]", "note":"[REDACTED]"}');
  });

  it("redacts secrets from the expected error and result too, and the fixtures still replay", async () => {
    const dir = tmp();
    const mod = join(dir, "leaky-tools.ts");
    writeFileSync(
      mod,
      `import { tool } from "tooldbg"; import { z } from "zod";
export const fetchIt = tool({ name: "fetch_it", parameters: z.object({ url: z.string() }), execute: () => { throw new Error("upstream 401 for api_key=sk-proj-LIVEEXECSECRET1234567890 password=hunter2"); } });
export const lookup = tool({ name: "lookup", parameters: z.object({}), execute: () => ({ ok: 1, token: "tok_RESULT_123", nested: { password: "pw_in_result" } }) });`,
    );
    await runCli(["call", "fetch_it", '{"url":"https://x"}', "--tools", mod, "--export", join(dir, "fx")]);
    await runCli(["call", "lookup", "{}", "--tools", mod, "--export", join(dir, "fx")]);
    for (const tool of ["fetch_it", "lookup"]) {
      const [file] = readdirSync(join(dir, "fx", tool));
      const text = readFileSync(join(dir, "fx", tool, file ?? ""), "utf8");
      for (const secret of ["LIVEEXECSECRET", "hunter2", "tok_RESULT_123", "pw_in_result"]) expect(text).not.toContain(secret);
    }
    // A case that throws is named for it, not "runs clean".
    expect(readdirSync(join(dir, "fx", "fetch_it"))).toEqual(["tool-error.json"]);
    const replay = await runCli(["test", join(dir, "fx"), "--tools", mod]);
    expect(replay.stdout.trim().split("\n").at(-1)).toBe("2 passed, 0 failed");
    expect(replay.code).toBe(0);
  });

  it("reports regressions (exit 1) and a signature changed since export", async () => {
    const dir = tmp();
    await runCli(["call", "get_invoice_status", '{"invoice_id":"INV-123"}', "--tools", BILLING, "--export", join(dir, "fx")]);
    // The tool changes: the parameter is renamed and its result shape too.
    const changed = join(dir, "tools.ts");
    writeFileSync(
      changed,
      `import { tool } from "tooldbg"; import { z } from "zod";
export const t = tool({ name: "get_invoice_status", parameters: z.object({ invoiceId: z.string() }), execute: ({ invoiceId }) => ({ invoiceId }) });`,
    );
    const r = await runCli(["test", join(dir, "fx"), "--tools", changed]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL get_invoice_status: runs clean/);
    expect(r.stdout).toMatch(/signature changed since export/);
    expect(r.stdout).toMatch(/invoice_id/);
    expect(r.stdout.trim().split("\n").at(-1)).toBe("0 passed, 1 failed");
    const json = parseJsonOutput<{ summary: { passed: number; failed: number } }>(await runCli(["test", join(dir, "fx"), "--tools", changed, "--json"]));
    expect(json.summary).toEqual({ passed: 0, failed: 1 });
  });

  it("checks error and diagnosis expectations, including codes only a fixture can carry", async () => {
    const dir = tmp();
    const fx = (name: string, body: object) => {
      mkdirSync(join(dir, "fx"), { recursive: true });
      writeFileSync(join(dir, "fx", `${name}.json`), JSON.stringify({ tooldbg: "fixture/1", name, ...body }));
    };
    fx("malformed", { tool: "get_invoice_status", arguments: '{"invoice_id": "INV-1",', expect: { diagnoses: ["malformed_arguments"] } });
    fx("unknown", { tool: "lookup_customer", arguments: '{"customer":"acme"}', expect: { diagnoses: ["unknown_tool"] } });
    fx("throws", { tool: "send_invoice_email", arguments: '{"invoice_id":"INV-1","to":"a@b.test"}', expect: { error: { match: "/SMTP 5\\d\\d/" } } });
    fx("result", { tool: "get_invoice_status", arguments: '{"invoice_id":"INV-124"}', expect: { ok: true, result: { invoice_id: "INV-124", status: "open", amount_cents: 4500, customer: "globex" } } });
    fx("date", { tool: "get_payment_history", arguments: '{"invoice_id":"INV-1"}', expect: { diagnoses: ["non_serializable_result"] } });
    const r = await runCli(["test", join(dir, "fx"), "--tools", BILLING]);
    expect(r.stdout.trim().split("\n").at(-1)).toBe("5 passed, 0 failed");
    expect(r.code).toBe(0);
  });

  it("an unreadable or invalid fixture is reported with its file and exits 2, the rest still run", async () => {
    const dir = tmp();
    cpSync(join(REPO, "examples/billing/fixtures"), join(dir, "fx"), { recursive: true });
    writeFileSync(join(dir, "fx", "broken.json"), '{"tooldbg":"fixture/1","name":"x"');
    writeFileSync(join(dir, "fx", "wrong.json"), '{"tooldbg":"fixture/9"}');
    const r = await runCli(["test", join(dir, "fx"), "--tools", BILLING]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/ERROR .*broken\.json: not valid JSON/);
    expect(r.stdout).toMatch(/ERROR .*wrong\.json: not a tooldbg fixture\/1 at tooldbg/);
    expect(r.stdout).toMatch(/PASS /);
  });
});
