#!/usr/bin/env bash
# IncidentHub insights benchmark, end to end on one machine:
#   1. a throwaway PostgreSQL cluster and the app in Release (as bench/run.sh);
#   2. seed-catalogue.sql (services with owning teams), seed.sql with INCIDENTS (1,000,000) incidents over three years
#      and EVENTS (2) timeline events each, then seed-insights.sql: corrective actions, reopenings;
#   3. wrk at CONNECTIONS (8) connections, DURATION s each after WARMUP s of warm-up: GET /api/v1/insights, then
#      the page /insights (signed in with the bootstrap admin's cookie), each request for a random one-year period
#      inside the seeded span and one random filter (none, severity, source, service or owning team);
#   4. the statements the database ran per request, and a summary block for docs/benchmarks.md.
# Everything it starts is stopped, and the temp folder removed, when it exits (even on failure).
#
# Usage: bench/insights.sh   Knobs (environment): INCIDENTS EVENTS CONNECTIONS THREADS DURATION WARMUP PGBIN
#   HOLD=1 keeps the cluster and the app running after seeding (psql command printed) until Ctrl-C, for study.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export BENCH_DIR="$PWD/bench"
source scripts/postgres.sh   # as_postgres, free_port, start_throwaway_cluster, insert_api_token, wait_until_ready
source bench/common.sh       # step, fail, ensure_wrk, find_server_programs, stop_run

INCIDENTS=${INCIDENTS:-1000000}
EVENTS=${EVENTS:-2}
CONNECTIONS=${CONNECTIONS:-8}
THREADS=${THREADS:-2}
DURATION=${DURATION:-20}
# A minute: each instance reads every month of a filter once, then keeps it; at a million incidents 20 s at 8
# connections leave about one request in twenty still reading months for the first time.
WARMUP=${WARMUP:-60}
export SPAN_DAYS=1095   # seed.sql spreads the declarations over the last three years
DB=incidenthub

ensure_wrk
find_server_programs
for tool in dotnet psql curl; do command -v "$tool" >/dev/null || fail "$tool is missing"; done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/incidenthub-bench-insights.XXXXXX")
APP_PID=
cleanup() {
  local status=$?
  set +e
  stop_run "$status"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ "$(id -u)" = 0 ]; then chown postgres: "$WORK"; fi

PGPORT=$(free_port 55432)
step "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PGPORT (temp cluster)"
start_throwaway_cluster "$WORK" "$PGPORT" -c fsync=on -c synchronous_commit=on -c shared_buffers=512MB \
  -c max_wal_size=4GB -c max_connections=100 -c shared_preload_libraries=pg_stat_statements
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres)
"${PSQL[@]}" -c "CREATE DATABASE $DB"
scalar() { "${PSQL[@]}" -d "$DB" -At -c "$1"; }

APP_PORT=$(free_port 58080)
URL="http://127.0.0.1:$APP_PORT"
step "Building and starting the app (Release) at $URL"
dotnet build -c Release src/IncidentHub.Web -nologo -v q >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; fail "build failed"; }
export ConnectionStrings__IncidentHub="Host=127.0.0.1;Port=$PGPORT;Database=$DB;Username=postgres"
export IncidentHub__BootstrapAdmin__Email=bench@example.com IncidentHub__BootstrapAdmin__DisplayName="Bench Runner"
PASSWORD="bench runner password, not a secret"
export IncidentHub__BootstrapAdmin__Password="$PASSWORD"
export IncidentHub__RateLimits__ApiPerSecond=1000000 IncidentHub__RateLimits__ApiBurst=1000000
export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$URL"
# The pages need HTTPS (Secure cookies): the load comes as from a TLS-terminating proxy on this machine.
export IncidentHub__ForwardedHeaders__KnownProxies__0=127.0.0.1
export Serilog__MinimumLevel__Default=Warning Logging__LogLevel__Default=Warning
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
setsid dotnet run -c Release --no-build --project src/IncidentHub.Web --no-launch-profile >"$WORK/app.log" 2>&1 &
APP_PID=$!
wait_until_ready "$URL/health/ready" "$APP_PID" 180 || fail "the app did not become ready"
BENCH_TOKEN=$(insert_api_token bench "${PSQL[@]}" -d "$DB")
export BENCH_TOKEN

step "Seeding $INCIDENTS incidents x $EVENTS timeline events, the services catalogue and corrective actions"
seed_start=$SECONDS
"${PSQL[@]}" -d "$DB" -f "$BENCH_DIR/seed-catalogue.sql" >/dev/null
# The insight triggers sum a million incidents in one pass: give the seeding sessions room to do it in memory.
export PGOPTIONS="-c work_mem=256MB"
"${PSQL[@]}" -d "$DB" -v incidents="$INCIDENTS" -v events="$EVENTS" -f "$BENCH_DIR/seed.sql" >/dev/null
"${PSQL[@]}" -d "$DB" -f "$BENCH_DIR/seed-insights.sql" >/dev/null
unset PGOPTIONS
"${PSQL[@]}" -d "$DB" -c "VACUUM ANALYZE" -c "CHECKPOINT" -c "CREATE EXTENSION pg_stat_statements"
seed_seconds=$((SECONDS - seed_start))
scalar "SELECT 'rows:', (SELECT count(*) FROM incidents), 'incidents,', (SELECT count(*) FROM corrective_actions),
  'corrective actions,', (SELECT count(*) FROM services), 'services; database',
  pg_size_pretty(pg_database_size(current_database())), '; seeded in $seed_seconds s'" | tr '|' ' '

step "Signing in as the bootstrap admin (the page needs a session)"
PROXIED=(-H "X-Forwarded-Proto: https")
# curl keeps the Secure cookies in its jar but sends them only over https: hand them over as a header.
jar_cookies() { awk 'NF >= 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) {printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}' "$WORK/cookies"; }
curl -fsS "${PROXIED[@]}" -c "$WORK/cookies" "$URL/signin" >"$WORK/signin.html"
antiforgery=$(sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' "$WORK/signin.html" | head -n 1)
[ -n "$antiforgery" ] || fail "no antiforgery token on /signin"
curl -fsS "${PROXIED[@]}" -o /dev/null -c "$WORK/cookies" -H "Cookie: $(jar_cookies)" --data-urlencode "Input.Email=bench@example.com" \
  --data-urlencode "Input.Password=$PASSWORD" --data-urlencode "__RequestVerificationToken=$antiforgery" "$URL/signin"
INSIGHTS_COOKIE=$(awk '$6 == "incidenthub.session" {print $6 "=" $7}' "$WORK/cookies")
[ -n "$INSIGHTS_COOKIE" ] || fail "signing in gave no session cookie"
export INSIGHTS_COOKIE
for path in "/api/v1/insights" "/insights"; do
  code=$(curl -s -o "$WORK/smoke" -w '%{http_code}' -H "Authorization: Bearer $BENCH_TOKEN" -H "Cookie: $INSIGHTS_COOKIE" "${PROXIED[@]}" "$URL$path")
  [ "$code" = 200 ] || fail "$path answered $code: $(head -c 300 "$WORK/smoke")"
done
grep -q 'id="by-month-table"' "$WORK/smoke" || fail "the page shows no figures"

if [ "${HOLD:-0}" = 1 ]; then
  echo "Holding: ${PSQL[*]} -d $DB; the app at $URL (token $BENCH_TOKEN). Ctrl-C ends."
  sleep infinity & wait $!
fi

WRK=(wrk -t"$THREADS" -c"$CONNECTIONS" --timeout 30s)
result() { sed -n "s/^RESULT.* $2=\([^ ]*\).*/\1/p" "$WORK/$1.txt"; }
statements() {  # what the database ran since the last reset, per request
  "${PSQL[@]}" -d "$DB" -c "SELECT calls, round(calls / $1::numeric, 2) AS per_request, round(mean_exec_time::numeric, 2) AS mean_ms,
      left(regexp_replace(query, '\s+', ' ', 'g'), 90) AS statement
    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND query NOT LIKE '%pg_stat_statements%'
    ORDER BY total_exec_time DESC LIMIT 8"
}
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for target in api page; do
  step "GET $([ "$target" = api ] && echo /api/v1/insights || echo /insights): $CONNECTIONS connections, $DURATION s after $WARMUP s of warm-up"
  INSIGHTS_TARGET=$target "${WRK[@]}" -d"${WARMUP}s" -s "$BENCH_DIR/insights.lua" "$URL" >/dev/null
  "${PSQL[@]}" -d "$DB" -At -c "SELECT pg_stat_statements_reset()" >/dev/null
  INSIGHTS_TARGET=$target "${WRK[@]}" -d"${DURATION}s" -s "$BENCH_DIR/insights.lua" "$URL" >"$WORK/$target.txt"
  grep '^RESULT' "$WORK/$target.txt"
  [ "$(result "$target" requests)" -gt 0 ] || fail "$target: no request completed"
  [ "$(result "$target" non2xx)" = 0 ] || fail "$target: $(result "$target" non2xx) responses were not 2xx"
  statements "$(result "$target" requests)"
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
memory=$(curl -s "$URL/metrics" | awk '/^(incidenthub_insights_cache_bytes|dotnet_total_memory_bytes|process_working_set_bytes) / {
  printf "%s%s %.0f MB", (n++ ? ", " : ""), $1, $2 / 1000000 }')

row() {  # name label
  printf '| %s | %s req/s | %s | %s | %s | %s |\n' "$2" "$(result "$1" rps)" "$(result "$1" p50_ms)" \
    "$(result "$1" p95_ms)" "$(result "$1" p99_ms)" "$(result "$1" non2xx)"
}
verdict() { awk -v p95="$(result "$1" p95_ms)" 'BEGIN { printf "p95 %.1f ms (target < 200 ms: %s)", p95, (p95 < 200 ? "met" : "MISSED") }'; }
cat <<SUMMARY

==================== summary (paste into docs/benchmarks.md) ====================
Run $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (src modified)')
Machine: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM, $(. /etc/os-release && echo "$PRETTY_NAME")
Software: .NET $(dotnet --version), PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'), $(wrk -v 2>&1 | head -n 1 | awk '{print $1, $2}')
Load average (1/5/15 min) before: $load_start, after: $load_end
Memory of the app at the end: $memory
Data: $INCIDENTS incidents over three years, $EVENTS timeline events each; random one-year periods and one random filter; $CONNECTIONS connections, $THREADS wrk threads, $DURATION s each after $WARMUP s of warm-up

| Address (GET, random year and filter) | Throughput | p50 ms | p95 ms | p99 ms | non-2xx |
|---|---:|---:|---:|---:|---:|
$(row api "/api/v1/insights (JSON)")
$(row page "/insights (HTML, signed in)")

/api/v1/insights: $(verdict api); /insights: $(verdict page)
=================================================================================
SUMMARY
