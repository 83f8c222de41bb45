import { isRecord, parseIfJsonText } from "./shared/loose-json.js";
import { readPythonLiteral } from "./shared/python-literal.js";

/**
 * A LangChain tool's input from the text its tracers log, `str(tool_input)`, where the input is a
 * dict or a string: a dict's text (Python's `{'city': 'Paris'}`, or JSON when every string in it
 * is double-quoted) is read back into the dict, as the literal it is (never evaluated). Any other
 * text is the input itself, a single-input tool's string, and stays text: `3` was the string "3".
 * LangSmith runs (`inputs.input`) and Traceloop tool spans (`input_str`) are read alike.
 */
export function toolInputFromText(text: string): unknown {
  // Python's text of a dict starts `{'`: not JSON, and a JSON.parse failing on every run costs more than the rest of the run.
  const json = pythonText(text) ? undefined : parseIfJsonText(text);
  if (isRecord(json)) return json;
  const literal = readPythonLiteral(text);
  return isRecord(literal) ? literal : text;
}

/** Whether text opens a dict or list with a single-quoted string (`{'city': …}`, `['a', …]`), which JSON cannot. */
function pythonText(text: string): boolean {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) <= 0x20) i++;
  const open = text.charCodeAt(i);
  if (open !== 0x7b /* { */ && open !== 0x5b /* [ */) return false;
  i++;
  while (i < text.length && text.charCodeAt(i) <= 0x20) i++;
  return text.charCodeAt(i) === 0x27 /* ' */;
}
