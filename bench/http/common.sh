# Shared by the HTTP benchmarks (sourced, not run): start the built web app on loopback and sign in a demo user.
# Needs: $out (a temp folder), $port. Sets: $app (the app's pid), $cookie (the signed-in Cookie header value).

# start_app <provider> <connection-string> <demo:true|false> [password]
start_app() {
  dotnet build src/Waymark.Web -c Release -v q >/dev/null
  ASPNETCORE_ENVIRONMENT=Production Database__Provider=$1 ConnectionStrings__Waymark="$2" \
    Demo__Enabled=$3 Demo__Password="${4:-}" Urls=http://127.0.0.1:$port Logging__LogLevel__Default=Warning \
    dotnet src/Waymark.Web/bin/Release/net10.0/Waymark.Web.dll >"$out/app.log" 2>&1 &
  app=$!
  for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "the app did not start" >&2; cat "$out/app.log" >&2; return 1
}

# Production cookies are Secure-only; behind TLS termination the app sees https via X-Forwarded-Proto.
# Secure cookies are read from the Set-Cookie headers and sent back by hand.
cookies_of() { grep -i '^set-cookie:' "$1" | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/' | tr '\r\n' '  ' | sed 's/  */; /g'; }

# sign_in <email> <password>
sign_in() {
  curl -fsS -D "$out/h1" -o "$out/signin.html" -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$port/account/sign-in"
  local token
  token=$(sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' "$out/signin.html" | head -n1)
  curl -fsS -D "$out/h2" -o /dev/null -H 'X-Forwarded-Proto: https' -H "Cookie: $(cookies_of "$out/h1")" \
    --data-urlencode "Email=$1" --data-urlencode "Password=$2" \
    --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/account/sign-in"
  cookie=$(cookies_of "$out/h2")
  [[ "$cookie" == *"waymark="* ]] || { echo "sign-in failed" >&2; cat "$out/app.log" >&2; return 1; }
}
