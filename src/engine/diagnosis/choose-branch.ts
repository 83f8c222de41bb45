import type { JsonSchema } from "../../tools/json-schema.js";
import { objectFacets, type ObjectFacets } from "./object-facets.js";
import { applicableParts } from "./schema-ref.js";
import { declaredTypes, typeAccepts } from "./schema-types.js";

/**
 * The index of the anyOf/oneOf branch that best fits the value, -1 when none takes its type.
 * Shared by the unexpected-key walker and the error mapper so both read the same branch.
 */
export function chooseBranch(branches: readonly JsonSchema[], value: object, root: JsonSchema): number {
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < branches.length; index++) {
    const branch = branches[index];
    if (!branch || !typeAccepts(declaredTypes(branch, root), value)) continue;
    const score = Array.isArray(value) ? 0 : fitScore(value as Record<string, unknown>, objectFacets(applicableParts(branch, root)));
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  }
  return best;
}

/** Known keys count for a branch, unknown keys and missing required ones against; a matching `const` (a discriminator) decides. */
function fitScore(value: Record<string, unknown>, facets: ObjectFacets): number {
  let score = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const schema = facets.properties.get(key);
    if (!schema) {
      if (facets.closed) score -= 1;
      continue;
    }
    score += 2;
    const single = Object.hasOwn(schema, "const") ? [schema.const] : Array.isArray(schema.enum) && schema.enum.length === 1 ? schema.enum : undefined;
    if (single) score += single[0] === value[key] ? 10 : -10;
  }
  for (const name of facets.required) if (!Object.hasOwn(value, name)) score -= 2;
  return score;
}
