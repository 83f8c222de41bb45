/**
 * An incremental server-sent-events parser (the WHATWG event-stream rules that matter here): text
 * arrives in arbitrary pieces, `data:` lines of one event are joined with "\n", a blank line ends
 * the event. Comments, `event:`, `id:` and `retry:` lines are not needed for chat streams.
 */
export class SseParser {
  private buffer = "";
  private data: string[] = [];
  private sawCarriageReturn = false;
  /** Line breaks: "\n", "\r" or "\r\n" (one per parser: a global regex carries its position). */
  private readonly lineBreak = /\r\n?|\n/g;

  constructor(private readonly onData: (data: string) => void) {}

  push(text: string): void {
    let input = text;
    // A "\r\n" split across pieces: the "\n" belongs to the line the "\r" already ended.
    if (this.sawCarriageReturn && input.startsWith("\n")) input = input.slice(1);
    this.sawCarriageReturn = false;
    let start = 0;
    const lineBreak = this.lineBreak;
    lineBreak.lastIndex = 0;
    for (let match = lineBreak.exec(input); match; match = lineBreak.exec(input)) {
      this.line(this.buffer + input.slice(start, match.index));
      this.buffer = "";
      start = match.index + match[0].length;
      if (match[0] === "\r" && start === input.length) this.sawCarriageReturn = true;
    }
    this.buffer += input.slice(start);
  }

  /** The stream ended: an event cut off before its blank line is still delivered. */
  end(): void {
    if (this.buffer !== "") this.line(this.buffer);
    this.buffer = "";
    this.dispatch();
  }

  private line(line: string): void {
    if (line === "") {
      this.dispatch();
      return;
    }
    if (line.startsWith("data:")) this.data.push(line.charCodeAt(5) === 0x20 ? line.slice(6) : line.slice(5));
  }

  private dispatch(): void {
    if (this.data.length === 0) return;
    const data = this.data.join("\n");
    this.data = [];
    this.onData(data);
  }
}
