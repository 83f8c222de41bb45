import { isRecord } from "./loose-json.js";

/**
 * Looks for a format's payloads inside whatever envelope a logging proxy wrapped them in, without
 * knowing its key names: every nested object (and every string holding a JSON object, as proxies
 * often store bodies as text) is offered to `visit`, which returns true to claim it and stop there.
 * Bounded in depth and in nodes so a huge unrelated record costs little.
 */
export function walkEnvelope(root: unknown, visit: (node: Record<string, unknown> | string) => boolean, maxDepth = 4): void {
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
    if (visit(node)) return;
    for (const key in node) walk(node[key], depth + 1);
  };
  walk(root, 0);
}
