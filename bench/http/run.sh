#!/usr/bin/env bash
# HTTP throughput of the person search and caseload pages with wrk (32 connections), against the
# real web app signed in as a practitioner. Loopback only; bounded by wrk's duration.
#
#   bench/http/run.sh <provider> <connection-string> [duration]
#
# The database must already hold the data (see docs/benchmarks.md: `waymark people generate`), and
# the demo users (`waymark demo`). Needs wrk (apt-get install wrk) and curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
provider=${1:?provider: Sqlite or Postgres}
cs=${2:?connection string}
duration=${3:-30s}
port=5091
password=${DEMO_PASSWORD:?set DEMO_PASSWORD to the demo users\' password}
out=$(mktemp -d)
app=
trap 'kill $app 2>/dev/null || true; rm -rf "$out"' EXIT

source bench/http/common.sh
start_app "$provider" "$cs" false
sign_in practitioner@demo.invalid "$password"

for path in "/people?Name=smi" "/people?Name=jones+sa" "/caseload" "/caseload/mine"; do
  echo "== GET $path (32 connections, $duration)"
  wrk -t2 -c32 -d"$duration" --latency -H "Cookie: $cookie" -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$port$path" | sed -n '/Latency Distribution/,/Transfer/p;/Non-2xx/p'
done
