#!/usr/bin/env bash
# The offline demo: no API key, no network. Each call reproduces one failure from examples/billing/tools.ts.
set -u
cd "$(dirname "$0")/../.."
tooldbg() { node bin/tooldbg.js "$@"; }
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then B=$'\033[1m' R=$'\033[0m'; else B= R=; fi
step() { printf '\n%s$ tooldbg %s%s\n' "$B" "$*" "$R"; tooldbg "$@"; }
T=examples/billing/tools.ts
step schema --tools "$T"
step call get_invoice_status '{"id":"INV-123"}' --tools "$T"
step call create_ticket '{"invoice_id":"INV-123","summary":"Amount looks wrong","priority":"high"}' --tools "$T"
step call get_payment_history '{"invoice_id":"INV-123"}' --tools "$T"
step call send_invoice_email '{"invoice_id":"INV-123","to":"billing@acme.test"}' --tools "$T"
step call refund_invoice '{"invoice_id":"INV-123","reason":"duplicate"}' --tools "$T"
step test examples/billing/fixtures --tools "$T"
step scan examples/logs/prod-openai-chat.jsonl --tools "$T"
OUT=$(mktemp -d)
step export examples/logs/prod-openai-chat.jsonl --call call_7c01 --out "$OUT" --tools "$T"
step test "$OUT" --tools "$T"
exit 0
