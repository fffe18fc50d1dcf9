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
trap 'kill $app 2>/dev/null || true; rm -rf "$out"' EXIT

dotnet build src/Waymark.Web -c Release -v q >/dev/null
ASPNETCORE_ENVIRONMENT=Production Database__Provider=$provider ConnectionStrings__Waymark="$cs" \
  Demo__Enabled=false Urls=http://127.0.0.1:$port Logging__LogLevel__Default=Warning \
  dotnet src/Waymark.Web/bin/Release/net10.0/Waymark.Web.dll >"$out/app.log" 2>&1 &
app=$!
for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 1; done

# Production cookies are Secure-only; behind TLS termination the app sees https via the header below.
# Secure cookies are read from the Set-Cookie headers and sent back by hand.
cookies_of() { grep -i '^set-cookie:' "$1" | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/' | tr '\r\n' '  ' | sed 's/  */; /g'; }
curl -fsS -D "$out/h1" -o "$out/signin.html" -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$port/account/sign-in"
token=$(sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' "$out/signin.html" | head -n1)
curl -fsS -D "$out/h2" -o /dev/null -H 'X-Forwarded-Proto: https' -H "Cookie: $(cookies_of "$out/h1")" \
  --data-urlencode "Email=practitioner@demo.invalid" --data-urlencode "Password=$password" \
  --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/account/sign-in"
cookie=$(cookies_of "$out/h2")
[[ "$cookie" == *"waymark="* ]] || { echo "sign-in failed" >&2; cat "$out/app.log" >&2; exit 1; }

for path in "/people?Name=smi" "/people?Name=jones+sa" "/caseload" "/caseload/mine"; do
  echo "== GET $path (32 connections, $duration)"
  wrk -t2 -c32 -d"$duration" --latency -H "Cookie: $cookie" -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$port$path" | sed -n '/Latency Distribution/,/Transfer/p;/Non-2xx/p'
done
