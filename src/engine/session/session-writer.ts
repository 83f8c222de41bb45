import { openSync, writeSync, fsyncSync, closeSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { redactValue } from "../redact.js";
import { SESSION_VERSION, type NewSessionEvent, type SessionHeader } from "./session-format.js";
import { slugify } from "../fixtures/write-fixture.js";

/** The header fields the caller knows; the version and start time are the writer's. */
export interface SessionHeaderInit {
  mode: SessionHeader["mode"];
  agent?: string;
  model?: string;
  tools?: SessionHeader["tools"];
  version?: string;
}

/**
 * Appends a session's events to `sessions/<time>-<agent>.jsonl` as they happen. Each line is
 * written with one synchronous write (and the header fsynced), so a process killed mid-step keeps
 * every event it already showed. Secrets are redacted before anything reaches the disk.
 */
export class SessionWriter {
  private seq = 0;
  private fd: number | undefined;

  private constructor(readonly path: string) {
    this.fd = openSync(path, "wx");
  }

  /** The header line as written (redacted, no newline). */
  headerLine = "";

  /** Write the session to exactly `path` (`run --session FILE`); an existing file is not overwritten. */
  static open(path: string, header: SessionHeaderInit, now = new Date()): SessionWriter {
    const writer = new SessionWriter(path);
    writer.writeHeader(header, now);
    return writer;
  }

  static create(dir: string, header: SessionHeaderInit, now = new Date()): SessionWriter {
    mkdirSync(dir, { recursive: true });
    const stamp = now.toISOString().replace(/[:.]/g, "-");
    const name = slugify(header.agent?.replace(/^.*[\\/]/, "").replace(/\.[cm]?[jt]s$/, "") ?? "session", 40);
    let writer: SessionWriter | undefined;
    for (let n = 1; !writer; n++) {
      try {
        writer = new SessionWriter(join(dir, `${stamp}-${name}${n > 1 ? `-${n}` : ""}.jsonl`));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST" || n > 100) throw error;
      }
    }
    writer.writeHeader(header, now);
    return writer;
  }

  /** Returns the line as written (redacted, no newline). */
  append(event: NewSessionEvent, now = new Date()): string {
    return this.line({ seq: this.seq++, t: now.toISOString(), ...event });
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private writeHeader(header: SessionHeaderInit, now: Date): void {
    this.headerLine = this.line({ tooldbg: SESSION_VERSION, startedAt: now.toISOString(), ...header });
    if (this.fd !== undefined) fsyncSync(this.fd);
  }

  private line(value: object): string {
    if (this.fd === undefined) throw new Error("session file is closed");
    const text = JSON.stringify(redactValue(value));
    writeSync(this.fd, `${text}\n`);
    return text;
  }
}
