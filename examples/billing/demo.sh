#!/usr/bin/env bash
# The offline demo: no API key, no network. The billing agent's script walks through the classic
# tool-calling failures (examples/billing/tools.ts). In a terminal it opens the interactive
# session; anywhere else (CI, a pipe) it runs the same session headless, then tours the commands.
set -u
cd "$(dirname "$0")/../.."
tooldbg() { node bin/tooldbg.js "$@"; }
T=examples/billing/tools.ts
SESSIONS=$(mktemp -d)

if [ -t 0 ] && [ -t 1 ] && [ -z "${CI:-}" ]; then
  echo "tooldbg run $T --scripted   (offline: the agent's script plays the model)"
  echo "It pauses at each failing call: f applies the fix, r re-runs it, x exports a fixture, enter continues, ? lists every key, q quits."
  sleep 1
  tooldbg run "$T" --scripted --session "$SESSIONS/demo.jsonl"
  echo
  echo "The session was recorded to $SESSIONS/demo.jsonl; 'tooldbg open' reopens it, 'tooldbg scan' triages it."
  exit 0
fi

if [ -z "${NO_COLOR:-}" ] && [ -t 1 ]; then B=$'\033[1m' R=$'\033[0m'; else B= R=; fi
step() { printf '\n%s$ tooldbg %s%s\n' "$B" "$*" "$R"; tooldbg "$@"; }
step run "$T" --headless --scripted --session "$SESSIONS/demo.jsonl"
step schema --tools "$T"
step call get_invoice_status '{"id":"INV-123"}' --tools "$T"
step call create_ticket '{"invoice_id":"INV-123","summary":"Amount looks wrong","priority":"high"}' --tools "$T"
step test examples/billing/fixtures --tools "$T"
step scan examples/logs/prod-openai-chat.jsonl --tools "$T"
step scan "$SESSIONS/demo.jsonl" --tools "$T"
OUT=$(mktemp -d)
step export examples/logs/prod-openai-chat.jsonl --call call_7c01 --out "$OUT" --tools "$T"
step test "$OUT" --tools "$T"
exit 0
