import { isSecretKey, REDACTED, redactJsonText, redactTokens, redactValue } from "../redact.js";
import type { HeaderRecord } from "./exchange-record.js";
import type { SecretScrub } from "./secret-scrub.js";

/** Query parameters that hold keys though their names do not say so (Google's `?key=`). */
const SECRET_QUERY = new Set(["key", "code", "sig", "signature"]);

/** Secret headers replaced whole; any other value loses token shapes and the request's own secrets. */
export function redactHeaders(headers: HeaderRecord, scrub: SecretScrub): HeaderRecord {
  const out: HeaderRecord = {};
  for (const [name, value] of Object.entries(headers)) {
    if (isSecretKey(name)) out[name] = REDACTED;
    else out[name] = Array.isArray(value) ? value.map((v) => scrub.text(redactTokens(v))) : scrub.text(redactTokens(value));
  }
  return out;
}

/** Secret query values replaced (and learnt, so the same value is scrubbed from the bodies too). */
export function redactPath(path: string, scrub: SecretScrub): string {
  const q = path.indexOf("?");
  if (q === -1) return scrub.text(redactTokens(path));
  const params = path.slice(q + 1).split("&").map((pair) => {
    const eq = pair.indexOf("=");
    if (eq === -1) return pair;
    const name = safeDecode(pair.slice(0, eq));
    if (!isSecretKey(name) && !SECRET_QUERY.has(name.toLowerCase())) return pair;
    scrub.add(safeDecode(pair.slice(eq + 1)));
    return `${pair.slice(0, eq)}=${REDACTED}`;
  });
  return scrub.text(redactTokens(`${path.slice(0, q)}?${params.join("&")}`));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

/** A logged body (or assembled completion): the shared redaction, then the request's own secrets. */
export const redactBody = (value: unknown, scrub: SecretScrub): unknown => scrub.value(redactValue(value));

type Path = (string | number)[];
interface Fragment {
  path: Path;
  text: string;
}
interface Group {
  json: boolean;
  fragments: Fragment[];
}

/**
 * Streamed chunks (chat completion chunks or Responses API events), redacted so that joining them
 * gives exactly the redacted whole (the assembled completion, a `.done` event's text). A secret
 * split across deltas (`{"pass` + `word":"…"}`) is invisible chunk by chunk, so each text stream
 * (a choice's content, each call's arguments, an item's argument or text deltas) is redacted
 * joined; when that changes it, the redacted text goes in the stream's first fragment and the
 * rest become empty. The chunk count and every other field stay as they were.
 */
export function redactChunks(chunks: readonly unknown[], scrub: SecretScrub): unknown[] {
  const groups = collectFragments(chunks);
  const decided = new Map<Fragment, string>();
  for (const group of groups.values()) {
    const joined = group.fragments.map((f) => f.text).join("");
    const redacted = scrub.text(group.json ? redactJsonText(joined) : redactTokens(joined));
    group.fragments.forEach((f, i) => decided.set(f, redacted === joined ? f.text : i === 0 ? redacted : ""));
  }
  const byChunk = new Map<number, Fragment[]>();
  for (const fragment of decided.keys()) {
    const index = fragment.path[0] as number;
    const list = byChunk.get(index) ?? [];
    list.push(fragment);
    byChunk.set(index, list);
  }
  return chunks.map((chunk, i) => {
    const out = redactBody(chunk, scrub);
    for (const fragment of byChunk.get(i) ?? []) setAt(out, fragment.path.slice(1), decided.get(fragment) ?? "");
    return out;
  });
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The text fragments of every chunk, grouped per stream of text they belong to (as the assembler groups them). */
function collectFragments(chunks: readonly unknown[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  const add = (key: string, json: boolean, path: Path, text: unknown): void => {
    if (typeof text !== "string" || text === "") return;
    let group = groups.get(key);
    if (!group) {
      group = { json, fragments: [] };
      groups.set(key, group);
    }
    group.fragments.push({ path, text });
  };
  // Per choice: which call a delta continues, mirroring the assembler's rule.
  const calls = new Map<number, { byIndex: Map<number, { key: string; id?: string }>; last?: { key: string; id?: string }; count: number }>();
  chunks.forEach((chunk, c) => {
    if (isObject(chunk) && typeof chunk.type === "string" && chunk.type.endsWith(".delta")) {
      // A Responses API delta event: one text stream per event type and item (and content part).
      const key = `${chunk.type}|${String(chunk.item_id ?? chunk.output_index ?? "")}|${String(chunk.content_index ?? "")}`;
      add(key, chunk.type === "response.function_call_arguments.delta", [c, "delta"], chunk.delta);
      return;
    }
    if (!isObject(chunk) || !Array.isArray(chunk.choices)) return;
    chunk.choices.forEach((choice: unknown, p) => {
      if (!isObject(choice) || !isObject(choice.delta)) return;
      const delta = choice.delta;
      const at = (...rest: Path): Path => [c, "choices", p, "delta", ...rest];
      const ci = typeof choice.index === "number" ? choice.index : 0;
      for (const field of ["content", "refusal", "reasoning_content", "reasoning"]) add(`${ci}/${field}`, false, at(field), delta[field]);
      if (isObject(delta.function_call)) add(`${ci}/function_call`, true, at("function_call", "arguments"), delta.function_call.arguments);
      if (!Array.isArray(delta.tool_calls)) return;
      let state = calls.get(ci);
      if (!state) {
        state = { byIndex: new Map(), count: 0 };
        calls.set(ci, state);
      }
      delta.tool_calls.forEach((call: unknown, q) => {
        if (!isObject(call) || !state) return;
        const id = typeof call.id === "string" && call.id !== "" ? call.id : undefined;
        const index = typeof call.index === "number" ? call.index : undefined;
        let slot = index !== undefined ? state.byIndex.get(index) : state.last;
        if (slot && id !== undefined && slot.id !== undefined && slot.id !== id) slot = undefined;
        if (!slot) {
          slot = { key: `${ci}/call/${state.count++}` };
          if (index !== undefined) state.byIndex.set(index, slot);
        }
        state.last = slot;
        if (id !== undefined && slot.id === undefined) slot.id = id;
        if (isObject(call.function)) add(slot.key, true, at("tool_calls", q, "function", "arguments"), call.function.arguments);
      });
    });
  });
  return groups;
}

function setAt(root: unknown, path: Path, value: string): void {
  let node: unknown = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as string | number;
    node = Array.isArray(node) ? node[key as number] : isObject(node) ? node[key as string] : undefined;
    if (node === undefined) return;
  }
  const last = path[path.length - 1] as string | number;
  if (Array.isArray(node) && typeof last === "number") node[last] = value;
  else if (isObject(node)) node[String(last)] = value;
}
