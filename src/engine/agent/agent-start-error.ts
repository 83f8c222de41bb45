/**
 * Why an agent session could not start, in one line a person can act on (a missing module, a
 * module without an agent, a session path that cannot be written). The CLI prints it and exits 2.
 */
export class AgentStartError extends Error {
  override name = "AgentStartError";
}
