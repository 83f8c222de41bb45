/** A mistake in how tooldbg was invoked or in input the user typed: one line, exit 2, no stack. */
export class UsageError extends Error {
  override name = "UsageError";
}

export const EXIT = { ok: 0, failures: 1, usage: 2 } as const;
