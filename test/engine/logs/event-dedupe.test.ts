import { describe, expect, it } from "vitest";
import { fingerprint } from "../../../src/engine/logs/adapters/shared/event-dedupe.js";

describe("a call's fingerprint", () => {
  const same = (a: string, b: string) => fingerprint("t", a) === fingerprint("t", b);
  it("is the same for arguments re-serialized: spacing, \\u and \\/ escapes, how a number is written", () => {
    expect(same('{"city":"Paris"}', '{ "city": "Paris" }')).toBe(true);
    expect(same('{"city":"Par\\u0069s","url":"a\\/b"}', '{"city":"Paris","url":"a/b"}')).toBe(true);
    expect(same('{"amount":10.0,"n":1e2,"x":-0.50}', '{"amount":10,"n":100,"x":-0.5}')).toBe(true);
  });
  it("differs for another call: another value, a space inside a string, a number in a string, another tool", () => {
    expect(same('{"city":"Paris"}', '{"city":"Rome"}')).toBe(false);
    expect(same('{"q":"a b"}', '{"q":"ab"}')).toBe(false);
    expect(same('{"n":"1.0"}', '{"n":"1"}')).toBe(false);
    expect(same('{"n":12}', '{"n":1}')).toBe(false);
    expect(fingerprint("get_weather", "{}")).not.toBe(fingerprint("get_time", "{}"));
  });
});
