import { isSecretKey, REDACTED } from "../redact.js";

/** Shorter values are placeholders ("none", "ollama"), not keys; replacing them would mangle the log. */
const MIN_SECRET_LENGTH = 8;

/**
 * The exact secrets one request carried (its Authorization / api-key / x-api-key header values,
 * the bearer token on its own, secret query parameters), scrubbed from everything logged for it:
 * a key the pattern rules would not recognise (`sk-test-…`, a gateway's own format) is still
 * never written, wherever the app or the upstream echoes it.
 */
export class SecretScrub {
  private readonly secrets: string[] = [];

  add(value: string): void {
    const trimmed = value.trim();
    const scheme = /^(?:bearer|basic|token)\s+(.+)$/i.exec(trimmed);
    for (const candidate of scheme?.[1] ? [trimmed, scheme[1]] : [trimmed]) {
      if (candidate.length >= MIN_SECRET_LENGTH && !this.secrets.includes(candidate)) this.secrets.push(candidate);
    }
    // Longest first, so a bearer header is replaced whole before its token alone.
    this.secrets.sort((a, b) => b.length - a.length);
  }

  /** Learns the values of secret-named headers from raw header pairs. */
  addFromHeaders(raw: readonly string[]): void {
    for (let i = 0; i + 1 < raw.length; i += 2) if (isSecretKey(raw[i] ?? "")) this.add(raw[i + 1] ?? "");
  }

  get empty(): boolean {
    return this.secrets.length === 0;
  }

  text(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }

  /** Every string (and object key) of a JSON value, scrubbed. */
  value(value: unknown, depth = 0): unknown {
    if (this.empty || depth > 64) return value;
    if (typeof value === "string") return this.text(value);
    if (Array.isArray(value)) return value.map((v) => this.value(v, depth + 1));
    if (typeof value === "object" && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[this.text(k)] = this.value(v, depth + 1);
      return out;
    }
    return value;
  }
}
