import { attr, attrString } from "./otel-span-context.js";
import type { SpanRecord } from "./otel-spans.js";
import { canonicalArguments } from "./shared/waiting-calls.js";

/**
 * The arguments text of a trace's `execute_tool` spans, for the calls its chat spans made. A chat
 * span's `gen_ai.output.messages` mostly keeps a call's arguments parsed (an object), while the
 * span that ran the call holds `gen_ai.tool.call.arguments` as the string the tool got. A call is
 * emitted once, when its chat span is read, which comes first: so the trace's spans are looked at
 * before any is read, and the call shows that string, recorded.
 *
 * The string is taken only where it parses to the same JSON as the chat span's arguments: an
 * instrumentation that changed them (defaults filled in) keeps the call as the model made it.
 * Holds only references to strings the trace's spans already hold.
 */
export class RawToolArguments {
  private readonly byId = new Map<string, { text: string; canonical?: string }>();
  /** Spans naming no call id, by tool: their call is found by its arguments (see `find`). */
  private readonly unnamed = new Map<string, UnnamedTexts>();

  add(callId: string | undefined, tool: string, text: string): void {
    if (callId !== undefined && callId !== "") {
      if (!this.byId.has(callId)) this.byId.set(callId, { text });
      return;
    }
    const texts = this.unnamed.get(tool);
    if (texts) texts.list.push(text);
    else this.unnamed.set(tool, { list: [text], indexed: 0, byCanonical: new Map() });
  }

  /** The text for a call with these parsed arguments: its execute_tool span's, or an id-less one's of its tool with the same arguments. */
  find(callId: string | undefined, tool: string, parsed: unknown): string | undefined {
    const named = callId !== undefined && callId !== "" ? this.byId.get(callId) : undefined;
    if (named !== undefined) {
      named.canonical ??= canonicalArguments(named.text);
      return named.canonical === canonicalArguments(parsed) ? named.text : undefined;
    }
    const texts = this.unnamed.get(tool);
    if (!texts) return undefined;
    // Each text is put in canonical form once: every chat span's history repeats the trace's calls.
    for (; texts.indexed < texts.list.length; texts.indexed++) {
      const text = texts.list[texts.indexed] as string;
      const canonical = canonicalArguments(text);
      if (!texts.byCanonical.has(canonical)) texts.byCanonical.set(canonical, text);
    }
    return texts.byCanonical.get(canonicalArguments(parsed));
  }
}

interface UnnamedTexts {
  list: string[];
  /** `list[0..indexed)` are in `byCanonical`. */
  indexed: number;
  byCanonical: Map<string, string>;
}

/** The execute_tool spans' argument strings; undefined when the trace has none. */
export function readRawToolArguments(spans: readonly SpanRecord[]): RawToolArguments | undefined {
  let raw: RawToolArguments | undefined;
  for (const span of spans) {
    const text = attr(span, "gen_ai.tool.call.arguments");
    // The Vercel AI SDK fills this attribute with JSON.stringify of the parsed input: not the model's text.
    if (typeof text !== "string" || span.attributes.has("ai.toolCall.args")) continue;
    const operation = attrString(span, "gen_ai.operation.name") ?? span.name.split(" ")[0];
    if (operation !== "execute_tool") continue;
    const tool = attrString(span, "gen_ai.tool.name") ?? span.name.replace(/^execute_tool\s*/, "");
    (raw ??= new RawToolArguments()).add(attrString(span, "gen_ai.tool.call.id"), tool, text);
  }
  return raw;
}
