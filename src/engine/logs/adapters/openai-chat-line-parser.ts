import { tryParse, type ParseResult } from "./shared/framed-item.js";
import { RepeatedToolsSplicer } from "./shared/repeated-tools-splice.js";
import { applySplices, splicesOverlap, type TextSplice } from "./shared/text-splice.js";
import { HistorySplicer } from "./openai-chat-history-splice.js";

/**
 * Parses chat log lines leaving out what the log repeats: the request's `tools` list (the same in
 * every request of an agent) and the history a request shares with an earlier one. Both are
 * found as text and parsed as placeholders in one JSON.parse; the tools are put back as the value
 * parsed the first time, the history is resumed by the reader (see HistorySplicer).
 */
export class ChatLineParser {
  readonly history = new HistorySplicer();
  private readonly tools = new RepeatedToolsSplicer();
  private last = "";

  parse(text: string): ParseResult {
    this.last = text;
    const spliceable = text.charCodeAt(0) === 0x7b /* { */ && !text.includes("\\u0000");
    const history = this.history.locate(text, spliceable);
    const tools = spliceable ? this.tools.locate(text, history) : undefined;
    const splices: TextSplice[] = [];
    if (history) splices.push(history);
    if (tools && !(history && splicesOverlap(history, tools))) splices.push(tools);
    if (splices.length > 0) {
      const parsed = tryParse(applySplices(text, splices));
      const toolsPut = tools !== undefined && splices.includes(tools);
      if (parsed.ok && (!toolsPut || this.tools.restore(parsed.value, tools))) {
        if (!toolsPut) this.tools.learn(text, parsed.value);
        return parsed;
      }
    }
    return this.parseWhole();
  }

  /** The last line parsed whole, nothing spliced (its reader found the history placeholder somewhere it does not read one). */
  parseWhole(): ParseResult {
    this.history.unused();
    const parsed = tryParse(this.last);
    if (parsed.ok) this.tools.learn(this.last, parsed.value);
    return parsed;
  }
}
