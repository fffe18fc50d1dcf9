#!/usr/bin/env bash
# The cost of the request pipeline for a signed-in user, against an anonymous request in the same run:
# wrk (32 connections) on anonymous /health, signed-in /health, a signed-in trivial page (/privacy, which
# renders the signed-in layout) and the demo caseload, after a warm-up. Loopback only; bounded by wrk's duration.
#
#   bench/http/pipeline.sh [provider] [connection-string] [duration]
#
# With no arguments it makes a fresh SQLite demo database in a temp folder (the README's first run).
# With a connection string, DEMO_PASSWORD must be set: an empty database is seeded with the demo and that password,
# one that already holds the demo must have it as the demo users' password.
# Needs wrk and curl (apt-get install wrk curl).
set -euo pipefail
cd "$(dirname "$0")/../.."
provider=${1:-Sqlite}
cs=${2:-}
duration=${3:-20s}
port=5092
out=$(mktemp -d)
app=
trap 'kill $app 2>/dev/null || true; rm -rf "$out"' EXIT
if [[ -z "$cs" ]]; then
  cs="Data Source=$out/waymark.db"
  DEMO_PASSWORD=${DEMO_PASSWORD:-bench-$(date +%s)-Pw!}
else
  : "${DEMO_PASSWORD:?set DEMO_PASSWORD: the demo users\' password (an empty database is seeded with it)}"
fi
demo=true # seeds only an empty database

source bench/http/common.sh
start_app "$provider" "$cs" "$demo" "$DEMO_PASSWORD"
sign_in practitioner@demo.invalid "$DEMO_PASSWORD"
# The caseload must answer 200 signed in (not a redirect to choose a team or to sign in).
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$port/caseload")
[[ "$code" == 200 ]] || { echo "signed-in /caseload answered $code" >&2; exit 1; }

run() { # label, cookie header or empty, path
  local args=(-t2 -c32 -d"$duration" --latency -H 'X-Forwarded-Proto: https')
  [[ -n "$2" ]] && args+=(-H "Cookie: $2")
  printf '== %-28s ' "$1"
  wrk "${args[@]}" "http://127.0.0.1:$port$3" | awk '/Requests\/sec/ {r=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF} END {printf "%10s req/s  p50 %-9s p99 %-9s%s\n", r, p50, p99, (bad ? "  NON-2xx: " bad : "")}'
}
echo "Warming up (10 s on each path)..."
for p in /health /privacy /caseload; do
  wrk -t2 -c32 -d10s -H 'X-Forwarded-Proto: https' -H "Cookie: $cookie" "http://127.0.0.1:$port$p" >/dev/null
done
wrk -t2 -c32 -d5s "http://127.0.0.1:$port/health" >/dev/null
run "anonymous /health" "" /health
run "signed-in /health" "$cookie" /health
run "signed-in /privacy" "$cookie" /privacy
run "signed-in /caseload (demo)" "$cookie" /caseload
