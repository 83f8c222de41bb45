/** Paths inside the arguments are dotted (`items.0.sku`), "" for the arguments object itself. */
export const joinPath = (path: string, key: string | number): string => (path === "" ? String(key) : `${path}.${key}`);

/** ajv's JSON pointer (`/items/0/sku`, with `~1` and `~0` escapes) as a dotted path. */
export function pointerToPath(pointer: string): string {
  if (pointer === "") return "";
  const segments = pointer.slice(1).split("/");
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment !== undefined && segment.includes("~")) segments[i] = segment.replace(/~1/g, "/").replace(/~0/g, "~");
  }
  return segments.join(".");
}
