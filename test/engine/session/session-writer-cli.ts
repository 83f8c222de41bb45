// Writes a session from the test's arguments, then keeps appending until killed (durability test).
import { SessionWriter } from "../../../src/engine/session/session-writer.js";

const [dir, mode] = process.argv.slice(2);
const w = SessionWriter.create(dir ?? ".", { mode: "scripted", agent: "examples/billing/tools.ts", model: "gpt-4o-mini" });
process.stdout.write(`${w.path}\n`);
for (let i = 0; ; i++) {
  w.append({ type: "note", message: `event ${i}` });
  if (i === 50) process.stdout.write("50 written\n");
  if (mode !== "forever" && i === 100) break;
  if (i % 10 === 0) await new Promise((r) => setTimeout(r, 1));
}
w.close();
