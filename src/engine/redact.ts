/**
 * Secret redaction for everything tooldbg writes (fixtures, sessions, logs). Works on text so a
 * raw arguments string keeps every byte that is not a secret.
 */
export const REDACTED = "[REDACTED]";

const SECRET_KEY =
  /^(?:.*[-_ ]?)?(?:password|passwd|pwd|secret|token|api[-_]?key|apikey|access[-_]?key|private[-_]?key|client[-_]?secret|authorization|auth|cookie|set-cookie|session[-_]?id|credentials?|x-api-key)$/i;

/** Key names whose values are secrets, whatever they hold. */
export const isSecretKey = (key: string): boolean => SECRET_KEY.test(key);

/** `name=value` where the name says secret: a value up to a space, a quote, a backslash or `&`. */
const ASSIGNED_SECRET = /\b([A-Za-z0-9_-]*?(?:password|passwd|pwd|secret|token|api[-_]?key|apikey|access[-_]?key|private[-_]?key))=(?!\[REDACTED\])[^\s"'\\&]+/i;
const ASSIGNED_SECRET_GLOBAL = new RegExp(ASSIGNED_SECRET.source, "gi");

/**
 * Secrets by their shape, wherever they appear, each with what replaces it. No replacement holds a
 * quote or a backslash, and no pattern takes a backslash but as part of a `\n` or `\r` escape, so
 * JSON text stays JSON text once redacted.
 */
const TOKEN_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/\bsk-(?:proj-|ant-|svcacct-)?[A-Za-z0-9_-]{16,}/g, REDACTED], // OpenAI / Anthropic keys
  [/\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/g, `Bearer ${REDACTED}`],
  [/\bAKIA[0-9A-Z]{16}\b/g, REDACTED], // AWS access key id
  [/\bgh[pousr]_[A-Za-z0-9]{30,}\b/g, REDACTED], // GitHub tokens
  [/\bgithub_pat_[A-Za-z0-9_]{40,}/g, REDACTED], // GitHub fine-grained tokens
  [/\bglpat-[A-Za-z0-9_-]{20,}/g, REDACTED], // GitLab tokens
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/g, REDACTED], // Slack tokens
  [/\bAIza[0-9A-Za-z_-]{35}\b/g, REDACTED], // Google API keys
  [/\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g, REDACTED], // Stripe secret and restricted keys
  [/\bhf_[A-Za-z0-9]{30,}\b/g, REDACTED], // Hugging Face tokens
  [/\bnpm_[A-Za-z0-9]{36}\b/g, REDACTED], // npm tokens
  [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, REDACTED], // JWTs (session and id tokens)
  // A private key a tool read (a key file, an .env): the whole block, or all of it a log kept.
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----(?:[A-Za-z0-9+/=:,\s-]|\\[nr]){0,16384}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----/g, REDACTED],
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----(?:[A-Za-z0-9+/=:,\s-]|\\[nr]){0,16384}/g, REDACTED],
  // The password of a URL (`postgres://app:hunter2@db:5432/prod`): the user and the rest stay.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/"'\\]+):[^\s@/"'\\]+@/gi, `$1:${REDACTED}@`],
  // An environment assignment of a secret (`DB_PASSWORD=hunter2`, as an .env file or a shell has it).
  [/\b([A-Z][A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?))=(?!\[REDACTED\])[^\s"'\\]+/g, `$1=${REDACTED}`],
  // The same in any case, as error messages and query strings write it (`password=hunter2`, `?api_key=…&`).
  [ASSIGNED_SECRET_GLOBAL, `$1=${REDACTED}`],
];

/**
 * Text every TOKEN_PATTERNS match holds (each pattern's literal part, in its own case): a text
 * without any is left as it is after one search, not fourteen (a scan redacts every call's
 * arguments and result, and nearly all hold no secret).
 */
const TOKEN_HINT = /sk-|Bearer|AKIA|gh[pousr]_|github_pat_|glpat-|xox[abprs]-|AIza|k_(?:live|test)_|hf_|npm_|eyJ|PRIVATE KEY|:\/\/|(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIAL)/;
/** Text every key isSecretKey takes holds (any case). */
const KEY_HINT = /pass|pwd|secret|token|key|auth|cookie|session|credential/i;

/** Replace well-known token shapes anywhere in free text. */
export function redactTokens(text: string): string {
  if (!TOKEN_HINT.test(text) && !(text.includes("=") && ASSIGNED_SECRET.test(text))) return text;
  let out = text;
  for (const [pattern, replacement] of TOKEN_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

// "key": "value" pairs inside JSON text, string values only, escapes respected.
const JSON_PAIR = /"((?:[^"\\]|\\.)*)"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g;
// The same pairs in single quotes: arguments a model wrote as a Python dict, or such a dict quoted
// inside a JSON string. No double quote is taken, so JSON text stays JSON text.
const QUOTED_PAIR = /'((?:[^'"\\]|\\[^"])*)'(\s*:\s*)'((?:[^'"\\]|\\[^"])*)'/g;

const SCAN_ABOVE = 1 << 22;

/** Redact secret-keyed string values and token shapes inside JSON text, keeping all other bytes. */
export function redactJsonText(text: string): string {
  if (!KEY_HINT.test(text)) return redactTokens(text);
  // The regex engine runs out of stack on a string value of ~10M characters: long texts are scanned.
  let keyed = text.length > SCAN_ABOVE ? redactJsonPairsByScan(text) : text.replace(JSON_PAIR, REDACT_DOUBLE_QUOTED);
  if (keyed.length <= SCAN_ABOVE && keyed.includes("'")) keyed = keyed.replace(QUOTED_PAIR, REDACT_SINGLE_QUOTED).replace(INSPECTED_PAIR, REDACT_INSPECTED);
  return redactTokens(keyed);
}

/** The replacer of a key-value pair in these quotes: its value redacted when its key names a secret. */
function redactPair(quote: string): (match: string, key: string, colon: string) => string {
  return (match, key, colon) => (isSecretKey(key) ? `${quote}${key}${quote}${colon}${quote}${REDACTED}${quote}` : match);
}
const REDACT_DOUBLE_QUOTED = redactPair('"');
const REDACT_SINGLE_QUOTED = redactPair("'");
// A bare key and a single-quoted value, as util.inspect writes an object (a re-run's result preview: `{ token: 'tok_1' }`).
const INSPECTED_PAIR = /([{,]\s*)([A-Za-z_$][\w$-]*)(:\s*)'((?:[^'\\]|\\.)*)'/g;
const REDACT_INSPECTED = (match: string, before: string, key: string, colon: string): string => (isSecretKey(key) ? `${before}${key}${colon}'${REDACTED}'` : match);

/** The end (index after the closing quote) of the JSON string starting at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22 /* " */) return i + 1;
  }
  return -1;
}

const skipSpace = (text: string, i: number): number => {
  while (i < text.length && /\s/.test(text.charAt(i))) i++;
  return i;
};

/** What JSON_PAIR does, as a loop: for texts too long for the regex (exported for its tests). */
export function redactJsonPairsByScan(text: string): string {
  let out = "";
  let copied = 0;
  let i = text.indexOf('"');
  while (i !== -1) {
    const keyEnd = stringEnd(text, i);
    if (keyEnd === -1) break;
    let next = keyEnd;
    let j = skipSpace(text, keyEnd);
    if (text[j] === ":") {
      j = skipSpace(text, j + 1);
      const valueEnd = text[j] === '"' ? stringEnd(text, j) : -1;
      if (valueEnd !== -1) {
        if (isSecretKey(text.slice(i + 1, keyEnd - 1))) {
          out += `${text.slice(copied, j)}"${REDACTED}"`;
          copied = valueEnd;
        }
        next = valueEnd;
      }
    }
    i = text.indexOf('"', next);
  }
  return out + text.slice(copied);
}

/** Deep-redact a JSON value: secret-keyed values of any type, and token shapes in strings. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 64) return value;
  // A string may hold JSON or an inspected object (an error message, a result preview): its secret-keyed values go too.
  if (typeof value === "string") return redactJsonText(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (isSecretKey(k) && v !== null && v !== "") out[k] = REDACTED;
      // Tool-call arguments are JSON text: redact inside it and keep every other byte.
      else if (k === "arguments" && typeof v === "string") out[k] = redactJsonText(v);
      else out[k] = redactValue(v, depth + 1);
    }
    return out;
  }
  return value;
}
