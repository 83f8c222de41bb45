/** A mistake in how tooldbg was invoked or in input the user typed: one line, exit 2, no stack. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Exit statuses (SPEC §1); `outputClosed` is what a shell reports for a command stopped by a closed pipe (128 + SIGPIPE). */
export const EXIT = { ok: 0, failures: 1, usage: 2, outputClosed: 141 } as const;
