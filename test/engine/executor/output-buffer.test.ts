import { describe, expect, it } from "vitest";
import { OutputBuffer } from "../../../src/engine/executor/output-buffer.js";

describe("OutputBuffer", () => {
  it("keeps each stream separately", () => {
    const buffer = new OutputBuffer(100);
    buffer.append("stdout", "out\n");
    buffer.append("stderr", Buffer.from("err\n"));
    expect(buffer.snapshot()).toEqual({ stdout: "out\n", stderr: "err\n", droppedBytes: 0 });
  });

  it("caps each stream and counts what it drops", () => {
    const buffer = new OutputBuffer(10);
    expect(buffer.append("stdout", "0123456789abc")).toBe("0123456789");
    expect(buffer.append("stdout", "more")).toBe("");
    expect(buffer.append("stderr", "err")).toBe("err");
    expect(buffer.snapshot()).toEqual({ stdout: "0123456789", stderr: "err", droppedBytes: 7 });
  });

  it("counts bytes, not characters", () => {
    const buffer = new OutputBuffer(4);
    buffer.append("stdout", "éé€");
    const { stdout, droppedBytes } = buffer.snapshot();
    expect(stdout).toBe("éé");
    expect(droppedBytes).toBe(3);
  });

  it("decodes non-utf8 string encodings", () => {
    const buffer = new OutputBuffer(100);
    buffer.append("stdout", "6869", "hex");
    expect(buffer.snapshot().stdout).toBe("hi");
  });

  it("does not copy a huge chunk whole", () => {
    const buffer = new OutputBuffer(64 * 1024);
    const started = performance.now();
    for (let i = 0; i < 20; i++) buffer.append("stdout", "y".repeat(5 * 1024 * 1024));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(buffer.snapshot().stdout.length).toBe(64 * 1024);
    expect(buffer.droppedBytes).toBe(100 * 1024 * 1024 - 64 * 1024);
  });
});
