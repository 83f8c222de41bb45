import type { CallStatus } from "../../engine/agent/agent-contract.js";
import type { Tone } from "../theme.js";

export const STATUS_MARKS: Record<CallStatus, { mark: string; tone: Tone; word: string }> = {
  pending: { mark: "·", tone: "muted", word: "pending" },
  paused: { mark: "⏸", tone: "paused", word: "paused" },
  executing: { mark: "⟳", tone: "running", word: "executing" },
  ok: { mark: "✓", tone: "ok", word: "ok" },
  failed: { mark: "✗", tone: "error", word: "failed" },
  skipped: { mark: "↷", tone: "muted", word: "skipped" },
};
