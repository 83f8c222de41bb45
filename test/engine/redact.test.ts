import { describe, expect, it } from "vitest";
import { REDACTED, redactJsonText, redactTokens, redactValue } from "../../src/engine/redact.js";

describe("redactTokens", () => {
  it.each([
    ["an OpenAI key", "key sk-proj-abcdefghijklmnop1234 here", `key ${REDACTED} here`],
    ["a bearer token", "Authorization: Bearer abc.def-ghi_jkl", `Authorization: Bearer ${REDACTED}`],
    ["an AWS key id", "AKIAIOSFODNN7EXAMPLE", REDACTED],
    ["a GitHub token", `ghp_${"a".repeat(36)}`, REDACTED],
    ["a GitHub fine-grained token", `github_pat_11ABCDEFG0${"x".repeat(50)}`, REDACTED],
    ["a GitLab token", "glpat-abcdefghij0123456789", REDACTED],
    ["a Stripe key", `sk_live_${"4".repeat(24)} and rk_test_${"b".repeat(24)}`, `${REDACTED} and ${REDACTED}`],
    ["a Hugging Face token", `hf_${"Q".repeat(34)}`, REDACTED],
    ["an npm token", `npm_${"z".repeat(36)}`, REDACTED],
    ["a JWT", "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U ok", `token ${REDACTED} ok`],
    ["a database URL's password", "postgres://app:hunter2@db.internal:5432/prod", `postgres://app:${REDACTED}@db.internal:5432/prod`],
    ["an .env file's secrets", "DEBUG=1\nDB_PASSWORD=hunter2\nSTRIPE_SECRET=abc\nAWS_SECRET_ACCESS_KEY=wJalr/K7MDENG", `DEBUG=1\nDB_PASSWORD=${REDACTED}\nSTRIPE_SECRET=${REDACTED}\nAWS_SECRET_ACCESS_KEY=${REDACTED}`],
    ["a private key block", "id_rsa:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgwMbRvI0MBZhpF\n-----END RSA PRIVATE KEY-----\ndone", `id_rsa:\n${REDACTED}\ndone`],
    ["a private key cut off", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU", REDACTED],
    ["secrets assigned in an error message", "auth failed: password=hunter2 access_token=abc123", `auth failed: password=${REDACTED} access_token=${REDACTED}`],
    ["a query string's key", "GET /v1/x?api_key=abc123&q=1", `GET /v1/x?api_key=${REDACTED}&q=1`],
  ])("%s", (_what, text, expected) => {
    expect(redactTokens(text)).toBe(expected);
  });

  it("leaves ordinary text alone", () => {
    for (const text of ["https://example.com:8080/path?a=1", "token = getToken()", "PASSWORD_MIN_LENGTH is 8", "sk-short", "a-----BEGIN PUBLIC KEY-----", "tokens=5", "passwordless=true"]) expect(redactTokens(text)).toBe(text);
  });
});

describe("redactJsonText", () => {
  it("keeps JSON text valid and every other byte: keys, URLs, keys in results read from files", () => {
    const value = {
      password: "hunter2",
      dsn: "mysql://root:s3cr3t@10.0.0.5/app",
      file: "-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA\n-----END PRIVATE KEY-----\n",
      env: 'API_TOKEN=xyz123 "quoted"',
      note: "nothing secret",
    };
    const text = JSON.stringify(value);
    const out = redactJsonText(text);
    const parsed = JSON.parse(out) as Record<string, string>;
    expect(parsed).toEqual({ password: REDACTED, dsn: `mysql://root:${REDACTED}@10.0.0.5/app`, file: `${REDACTED}\n`, env: `API_TOKEN=${REDACTED} "quoted"`, note: "nothing secret" });
    expect(redactValue(value)).toEqual(parsed);
  });

  it("redacts secret-keyed values in single quotes: arguments written as a Python dict, or such a dict quoted in a string", () => {
    expect(redactJsonText("{'user': 'bob', 'password': 'hunter2'}")).toBe(`{'user': 'bob', 'password': '${REDACTED}'}`);
    const quoted = JSON.stringify({ content: "called with {'api_key': 'abc123', 'q': 'x'}" });
    expect(JSON.parse(redactJsonText(quoted))).toEqual({ content: `called with {'api_key': '${REDACTED}', 'q': 'x'}` });
  });

  it("hands back a text holding no secret as it is, whatever its shape", () => {
    for (const text of ['{"invoice_id":"INV-3"}', "{'sku': 'A-1'}", '{"status":"paid","amount_cents":1}', "Error: KeyError: 'invoice_id'", ""]) {
      expect(redactJsonText(text)).toBe(text);
      expect(redactTokens(text)).toBe(text);
    }
  });

  it("is linear on long hostile texts: an unclosed key block of megabytes, long runs of capitals", () => {
    const long = `-----BEGIN PRIVATE KEY-----${"A".repeat(2_000_000)}`;
    const t0 = performance.now();
    expect(redactTokens(long).startsWith(REDACTED)).toBe(true);
    expect(redactTokens(`${"A".repeat(1_000_000)}_PASSWORD=x`)).toBe(`${"A".repeat(1_000_000)}_PASSWORD=${REDACTED}`);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

describe("redactValue on strings", () => {
  it("redacts secret-keyed values of JSON and of an inspected object held in a string (a result preview)", () => {
    expect(redactValue("{ ok: 1, token: 'tok_1', nested: { password: 'pw' }, name: 'ada' }")).toBe(`{ ok: 1, token: '${REDACTED}', nested: { password: '${REDACTED}' }, name: 'ada' }`);
    expect(redactValue('{"api_key": "abc", "user": "ada"}')).toBe(`{"api_key": "${REDACTED}", "user": "ada"}`);
  });
});
