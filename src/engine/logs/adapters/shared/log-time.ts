import { isRecord } from "./json-read.js";

/** Records from before 2000 or after 2200 are clock errors or ids, not times. */
const MIN_MS = Date.UTC(2000, 0, 1);
const MAX_MS = Date.UTC(2200, 0, 1);
/** The leading ISO-8601 date-time of a text (`2025-04-01T08:00:00.123Z`, `2025-04-01 08:00:00+02:00`). */
const ISO_START = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?/;
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** A UTC time written with no zone (Python's isoformat() of a naive datetime: LangSmith's exports) or as `Z`, not to the millisecond. */
const NO_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.(\d{1,9}))?Z?$/;
/** Envelope keys that hold numbers meaning a time (names only choose WHICH number, never the format). */
const TIME_KEY = /time|^ts$|date|created|timestamp/i;

const DAY_MS = 86_400_000;
/** The day of the last epoch formatted, and its `YYYY-MM-DDT`: a log's records mostly share a day. */
let isoDay = Number.NaN;
let isoDayText = "";
/** The last epoch (in ms) formatted and its text: the calls of a response share its `created`. */
let lastMs = Number.NaN;
let lastIso = "";

/** An epoch number (seconds, or milliseconds when it is too large to be seconds) as ISO text. */
export function epochToIso(value: number | undefined): string | undefined {
  if (value === undefined || !Number.isFinite(value) || value <= 0) return undefined;
  const ms = value > 1e11 ? value : value * 1000;
  if (!(ms >= MIN_MS && ms < MAX_MS)) return undefined;
  // Date#toISOString costs more than the rest of a record's times; within the range (4-digit
  // years) the text is the day's date and the time of day, built here for whole milliseconds.
  if (!Number.isInteger(ms)) return new Date(ms).toISOString();
  if (ms === lastMs) return lastIso;
  const day = Math.floor(ms / DAY_MS);
  if (day !== isoDay) {
    isoDay = day;
    isoDayText = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  // Joined, not concatenated: one flat string instead of a chain of pieces, and calls waiting for
  // their result keep it for a while.
  lastIso = [isoDayText, two(hours), ":", two(minutes), ":", two(seconds), ".", millis < 10 ? "00" : millis < 100 ? "0" : "", millis, "Z"].join("");
  lastMs = ms;
  return lastIso;
}

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** `YYYY-MM-DDTHH` of the last time (canonical, or UTC with no zone) found valid: the rest of that hour needs no Date.parse. */
let validHour = "";

/** Within the hour last found valid (no hour straddles the range's ends), any minute and second up to 59 is valid too. */
const inValidHour = (text: string): boolean => validHour !== "" && text.startsWith(validHour) && text.charCodeAt(14) <= 0x35 && text.charCodeAt(17) <= 0x35;

/**
 * The date-time a text starts with, normalised to ISO, or undefined. A time with no zone is read
 * as UTC: the same log must give the same times on every machine.
 */
export function isoFromText(text: string): string | undefined {
  // Proxies mostly write canonical UTC already (`2025-03-01T10:00:00.000Z`): keep it as it is.
  if (text.length === 24 && CANONICAL.test(text)) {
    // Within an hour already found valid (and in range: no hour straddles the range's ends), any
    // minute and second up to 59 is valid too.
    if (inValidHour(text)) return text;
    const ms = Date.parse(text);
    if (!(ms >= MIN_MS && ms < MAX_MS)) return undefined;
    if (!text.startsWith("24", 11)) validHour = text.slice(0, 13);
    return text;
  }
  // UTC: milliseconds are the fraction's first three digits (Date.parse truncates too).
  const noZone = text.length >= 19 && text.length <= 30 && text.charCodeAt(10) === 0x54 /* T */ ? NO_ZONE.exec(text) : null;
  if (noZone && inValidHour(text)) return `${text.slice(0, 19)}.${`${noZone[1] ?? ""}000`.slice(0, 3)}Z`;
  const match = ISO_START.exec(text.length > 40 ? text.slice(0, 40) : text);
  if (!match) return undefined;
  const zone = match[3] ?? "Z";
  const ms = Date.parse(`${match[1] ?? ""}T${match[2] ?? ""}${zone}`);
  if (!(Number.isFinite(ms) && ms >= MIN_MS && ms < MAX_MS)) return undefined;
  const iso = new Date(ms).toISOString();
  if (noZone && !text.startsWith("24", 11) && iso.startsWith(text.slice(0, 13))) validHour = text.slice(0, 13);
  return iso;
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
