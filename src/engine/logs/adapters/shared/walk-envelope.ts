import { isRecord } from "./loose-json.js";

/**
 * Looks for a format's payloads inside whatever envelope a logging proxy wrapped them in, without
 * knowing its key names: every nested object (and every string holding a JSON object, as proxies
 * often store bodies as text) is offered to `visit`, which returns true to claim it and stop there.
 * It may instead claim an object and return its own keys: the object's other keys are still looked
 * into (a proxy may flatten its envelope into a payload: `{model, messages, …, response}`).
 * Bounded in depth and in nodes so a huge unrelated record costs little.
 */
export function walkEnvelope(root: unknown, visit: (node: Record<string, unknown> | string) => boolean | ReadonlySet<string>, maxDepth = 4): void {
  let budget = 5_000;
  const walk = (node: unknown, depth: number): void => {
    if (budget-- <= 0 || depth > maxDepth) return;
    if (typeof node === "string") {
      if (visit(node)) return;
      const first = node.trimStart()[0];
      if ((first === "{" || first === "[") && node.length <= 8 * 1024 * 1024) {
        try {
          walk(JSON.parse(node) as unknown, depth + 1);
        } catch {
          // Not JSON after all: just text.
        }
      }
      return;
    }
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1);
      return;
    }
    if (!isRecord(node)) return;
    const claimed = visit(node);
    if (claimed === true) return;
    for (const key in node) if (claimed === false || !claimed.has(key)) walk(node[key], depth + 1);
  };
  walk(root, 0);
}
