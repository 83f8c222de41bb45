import { distance } from "fastest-levenshtein";

/**
 * Splits an identifier into lower-case words, so that camelCase, snake_case, kebab-case, dotted
 * and spaced spellings of one name read alike (`userId`, `user_id`, `user.id`).
 */
export function nameWords(name: string): readonly string[] {
  if (name.length > MAX_CACHED_LENGTH) return splitWords(name);
  let words = wordsCache.get(name);
  if (!words) {
    // Parameter and tool names repeat call after call; a full cache just starts over.
    if (wordsCache.size >= MAX_CACHED) wordsCache.clear();
    words = splitWords(name);
    wordsCache.set(name, words);
  }
  return words;
}

const MAX_CACHED = 5_000;
const MAX_CACHED_LENGTH = 200;
const wordsCache = new Map<string, readonly string[]>();

function splitWords(name: string): readonly string[] {
  return name
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, "$1 $2")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/**
 * How far apart two names are, lower is closer, undefined when they are not plausibly the same
 * parameter. 0: the same words spelled differently. (0, 1): one name's words sit at the start,
 * end or in order inside the other's (`id` in `invoice_id`, `get_weather` in
 * `get_current_weather`). Otherwise a typo-sized edit distance relative to length.
 */
export function nameDistance(a: string, b: string): number | undefined {
  const wordsA = nameWords(a);
  const wordsB = nameWords(b);
  const joinedA = wordsA.join("");
  const joinedB = wordsB.join("");
  if (joinedA.length === 0 || joinedB.length === 0) return a === b ? 0 : undefined;
  if (joinedA === joinedB) return 0;
  const [shortWords, longWords, short, long] =
    joinedA.length <= joinedB.length ? [wordsA, wordsB, joinedA, joinedB] : [wordsB, wordsA, joinedB, joinedA];
  // Plain string prefix/suffix only from 3 characters on: "to" is not "total".
  const contained =
    isOrderedSubset(shortWords, longWords) || (short.length >= 3 && (long.startsWith(short) || long.endsWith(short)));
  if (contained) return 1 - short.length / long.length;
  const limit = long.length <= 4 ? 1 : long.length <= 8 ? 2 : 3;
  // The length gap alone already exceeds the budget: skip the O(n·m) distance (a 1 MB key stays cheap).
  if (long.length - short.length > limit) return undefined;
  const edits = distance(joinedA, joinedB);
  // A third of the name changed is a different name (`lat`/`lon`, `id`/`ip`).
  if (edits <= limit && edits / long.length <= 1 / 3) return edits / long.length;
  return undefined;
}

function isOrderedSubset(short: readonly string[], long: readonly string[]): boolean {
  if (short.length === 0 || short.length >= long.length) return false;
  let at = 0;
  for (const word of long) if (word === short[at] && ++at === short.length) return true;
  return false;
}

/** The candidate closest to `name` (earlier candidates win ties), or undefined when none is close enough. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const d = nameDistance(name, candidate);
    if (d !== undefined && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
