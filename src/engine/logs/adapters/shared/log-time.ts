import { isRecord } from "./json-read.js";

/** Records from before 2000 or after 2200 are clock errors or ids, not times. */
const MIN_MS = Date.UTC(2000, 0, 1);
const MAX_MS = Date.UTC(2200, 0, 1);
/** The leading ISO-8601 date-time of a text (`2025-04-01T08:00:00.123Z`, `2025-04-01 08:00:00+02:00`). */
const ISO_START = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?/;
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Envelope keys that hold numbers meaning a time (names only choose WHICH number, never the format). */
const TIME_KEY = /time|^ts$|date|created|timestamp/i;

/** An epoch number (seconds, or milliseconds when it is too large to be seconds) as ISO text. */
export function epochToIso(value: number | undefined): string | undefined {
  if (value === undefined || !Number.isFinite(value) || value <= 0) return undefined;
  const ms = value > 1e11 ? value : value * 1000;
  return ms >= MIN_MS && ms < MAX_MS ? new Date(ms).toISOString() : undefined;
}

/**
 * The date-time a text starts with, normalised to ISO, or undefined. A time with no zone is read
 * as UTC: the same log must give the same times on every machine.
 */
export function isoFromText(text: string): string | undefined {
  // Proxies mostly write canonical UTC already (`2025-03-01T10:00:00.000Z`): keep it as it is.
  if (text.length === 24 && CANONICAL.test(text)) {
    const ms = Date.parse(text);
    return ms >= MIN_MS && ms < MAX_MS ? text : undefined;
  }
  const match = ISO_START.exec(text.length > 40 ? text.slice(0, 40) : text);
  if (!match) return undefined;
  const zone = match[3] ?? "Z";
  const ms = Date.parse(`${match[1] ?? ""}T${match[2] ?? ""}${zone}`);
  return Number.isFinite(ms) && ms >= MIN_MS && ms < MAX_MS ? new Date(ms).toISOString() : undefined;
}

/**
 * The time an envelope (a logging proxy's wrapper around request and response) records, judged
 * from its top-level values: an ISO date string under any key, or an epoch number under a key
 * that names a time. Payload objects are not looked into; they carry their own `created`.
 */
export function envelopeTime(record: unknown): string | undefined {
  if (!isRecord(record)) return undefined;
  let fromNumber: string | undefined;
  for (const key in record) {
    const value = record[key];
    if (typeof value === "string") {
      const iso = isoFromText(value);
      if (iso) return iso;
    } else if (typeof value === "number" && fromNumber === undefined && TIME_KEY.test(key)) {
      fromNumber = epochToIso(value);
    }
  }
  return fromNumber;
}
