/**
 * An incremental server-sent-events parser (the WHATWG event-stream rules that matter here): text
 * arrives in arbitrary pieces, `data:` lines of one event are joined with "\n", a blank line ends
 * the event. Comments, `event:`, `id:` and `retry:` lines are not needed for chat streams.
 */
export class SseParser {
  private buffer = "";
  private data: string[] = [];
  private sawCarriageReturn = false;

  constructor(private readonly onData: (data: string) => void) {}

  push(text: string): void {
    let start = 0;
    let input = text;
    // A "\r\n" split across pieces: the "\n" belongs to the line the "\r" already ended.
    if (this.sawCarriageReturn && input.startsWith("\n")) input = input.slice(1);
    this.sawCarriageReturn = false;
    for (let i = 0; i < input.length; i++) {
      const c = input.charCodeAt(i);
      if (c !== 0x0a && c !== 0x0d) continue;
      this.line(this.buffer + input.slice(start, i));
      this.buffer = "";
      if (c === 0x0d) {
        if (i + 1 < input.length && input.charCodeAt(i + 1) === 0x0a) i++;
        else if (i + 1 === input.length) this.sawCarriageReturn = true;
      }
      start = i + 1;
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
