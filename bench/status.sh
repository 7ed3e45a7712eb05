#!/usr/bin/env bash
# IncidentHub public status page benchmark, end to end on one machine:
#   1. a throwaway PostgreSQL cluster and the app in Release (as bench/run.sh);
#   2. through the API: SERVICES public services and INCIDENTS open incidents, each with an external update naming
#      two services;
#   3. wrk at CONNECTIONS (64) anonymous connections on /status, then on /status/summary.json, DURATION s each, while a
#      background loop posts an external update to one of the incidents every CHANGE_INTERVAL s (0.2: five changes a
#      second, each heard by the app as a PostgreSQL notification that renews its cached page);
#   4. the statements the database ran per request during the runs (the cached page should need none), and a summary
#      block for docs/benchmarks.md.
# Everything it starts is stopped, and the temp folder removed, when it exits (even on failure).
#
# Usage: bench/status.sh      Knobs (environment): SERVICES INCIDENTS CONNECTIONS THREADS DURATION WARMUP CHANGE_INTERVAL PGBIN
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export BENCH_DIR="$PWD/bench"
source scripts/postgres.sh   # as_postgres, free_port, start_throwaway_cluster, insert_api_token, wait_until_ready
source bench/common.sh       # step, fail, ensure_wrk, find_server_programs, stop_run

SERVICES=${SERVICES:-20}
INCIDENTS=${INCIDENTS:-10}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-30}
CHANGE_INTERVAL=${CHANGE_INTERVAL:-0.2}
DB=incidenthub

ensure_wrk
find_server_programs
for tool in dotnet psql curl; do command -v "$tool" >/dev/null || fail "$tool is missing"; done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/incidenthub-bench-status.XXXXXX")
APP_PID=
CHANGER_PID=
cleanup() {
  local status=$?
  set +e
  [ -n "$CHANGER_PID" ] && kill "$CHANGER_PID" 2>/dev/null
  stop_run "$status"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ "$(id -u)" = 0 ]; then chown postgres: "$WORK"; fi

PGPORT=$(free_port 55432)
step "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PGPORT (temp cluster)"
start_throwaway_cluster "$WORK" "$PGPORT" -c fsync=on -c synchronous_commit=on -c shared_buffers=256MB \
  -c max_connections=100 -c shared_preload_libraries=pg_stat_statements
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres)
"${PSQL[@]}" -c "CREATE DATABASE $DB"

APP_PORT=$(free_port 58080)
URL="http://127.0.0.1:$APP_PORT"
step "Building and starting the app (Release) at $URL"
dotnet build -c Release src/IncidentHub.Web -nologo -v q >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; fail "build failed"; }
export ConnectionStrings__IncidentHub="Host=127.0.0.1;Port=$PGPORT;Database=$DB;Username=postgres"
export IncidentHub__BootstrapAdmin__Email=bench@example.com IncidentHub__BootstrapAdmin__DisplayName="Bench Runner"
export IncidentHub__BootstrapAdmin__Password="bench runner password, not a secret"
export IncidentHub__RateLimits__ApiPerSecond=1000000 IncidentHub__RateLimits__ApiBurst=1000000
export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$URL"
export Serilog__MinimumLevel__Default=Warning Logging__LogLevel__Default=Warning
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
setsid dotnet run -c Release --no-build --project src/IncidentHub.Web --no-launch-profile >"$WORK/app.log" 2>&1 &
APP_PID=$!
wait_until_ready "$URL/health/ready" "$APP_PID" 180 || fail "the app did not become ready"
TOKEN=$(insert_api_token bench "${PSQL[@]}" -d "$DB")
api() {  # method path json
  curl -fsS -o /dev/null -X "$1" "$URL$2" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$3"
}

step "Seeding $SERVICES public services and $INCIDENTS incidents with external updates"
for i in $(seq "$SERVICES"); do
  api POST /api/v1/services "{\"slug\":\"service-$i\",\"name\":\"Service $i\",\"shownOnStatusPage\":true}"
done
for i in $(seq "$INCIDENTS"); do
  a=$(( (i % SERVICES) + 1 )); b=$(( ((i + 1) % SERVICES) + 1 ))
  number=$(curl -fsS -X POST "$URL/api/v1/incidents" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"title\":\"Bench incident $i\",\"severity\":\"S2\",\"source\":\"Monitoring\",\"services\":[\"service-$a\",\"service-$b\"]}" \
    | sed -n 's/.*"number":\([0-9]*\).*/\1/p')
  echo "$number" >>"$WORK/incidents"
  api POST "/api/v1/incidents/$number/status-updates" \
    "{\"audience\":\"External\",\"text\":\"We are investigating errors on service $a.\",\"affectedServices\":[{\"service\":\"service-$a\",\"impact\":\"PartialOutage\"}]}"
done
for path in /status /status/summary.json /status/history.atom; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$URL$path")
  [ "$code" = 200 ] || fail "$path answered $code"
done
curl -fsS "$URL/status/summary.json" | grep -q '"indicator":"major"' || fail "the summary does not show the seeded incidents"

changes() {  # posts an external update to a random seeded incident every CHANGE_INTERVAL s
  local count=0
  mapfile -t numbers <"$WORK/incidents"
  while :; do
    local number=${numbers[$((RANDOM % ${#numbers[@]}))]}
    count=$((count + 1))
    api POST "/api/v1/incidents/$number/status-updates" \
      "{\"audience\":\"External\",\"text\":\"Update $count: still working on it.\"}" || true
    echo "$count" >"$WORK/changes"
    sleep "$CHANGE_INTERVAL"
  done
}

WRK=(wrk -t"$THREADS" -c"$CONNECTIONS" --timeout 10s)
result() { sed -n "s/^RESULT.* $2=\([^ ]*\).*/\1/p" "$WORK/$1.txt"; }
ticks() {
  local pid total=0
  for pid in "$@"; do
    total=$((total + $(awk '{sub(/^.*\) /, ""); print $12 + $13 + $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
app_ticks() { ticks $(pgrep -g "$APP_PID"); }
db_queries() {  # statements the app ran that read status updates (the page's own reads), since the last reset
  "${PSQL[@]}" -d "$DB" -At -c "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements
    WHERE query ILIKE '%FROM status_updates%' AND query ILIKE '%affected_services%' AND query NOT ILIKE 'INSERT%'"
}

step "Warming up (${WARMUP} s per address, not measured)"
for path in /status /status/summary.json; do
  STATUS_PATH=$path "${WRK[@]}" -d"${WARMUP}s" -s "$BENCH_DIR/status.lua" "$URL" >/dev/null
done

"${PSQL[@]}" -d "$DB" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c "SELECT pg_stat_statements_reset()" >/dev/null
changes &
CHANGER_PID=$!
for name in page summary; do
  path=/status; [ "$name" = summary ] && path=/status/summary.json
  step "GET $path: $CONNECTIONS connections, $DURATION s, while incidents change"
  before_changes=$(cat "$WORK/changes" 2>/dev/null || echo 0)
  before_reads=$(db_queries)
  before_ticks=$(app_ticks)
  STATUS_PATH=$path "${WRK[@]}" -d"${DURATION}s" -s "$BENCH_DIR/status.lua" "$URL" >"$WORK/$name.txt"
  after_ticks=$(app_ticks)
  grep '^RESULT' "$WORK/$name.txt"
  requests=$(result "$name" requests)
  [ "$requests" -gt 0 ] || fail "$name: no request completed"
  echo "$(( $(cat "$WORK/changes") - before_changes )) changes" >"$WORK/$name.changes"
  echo "$(( $(db_queries) - before_reads ))" >"$WORK/$name.reads"
  awk -v t="$((after_ticks - before_ticks))" -v n="$requests" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%.3f\n", t * 1000 / hz / n }' >"$WORK/$name.cpu"
  echo "$(cat "$WORK/$name.changes") during the run; the page's reads of the database: $(cat "$WORK/$name.reads"); app CPU ms per request: $(cat "$WORK/$name.cpu")"
done
kill "$CHANGER_PID" 2>/dev/null; wait "$CHANGER_PID" 2>/dev/null || true; CHANGER_PID=

row() {  # name label
  printf '| %s | %s req/s | %s | %s | %s | %s | %s | %s | %s |\n' "$2" "$(result "$1" rps)" "$(result "$1" p50_ms)" \
    "$(result "$1" p95_ms)" "$(result "$1" p99_ms)" "$(result "$1" non2xx)" "$(cut -d' ' -f1 "$WORK/$1.changes")" \
    "$(cat "$WORK/$1.reads")" "$(cat "$WORK/$1.cpu")"
}
verdict() {  # name
  awk -v rps="$(result "$1" rps)" -v p95="$(result "$1" p95_ms)" 'BEGIN {
    printf "%s: %.0f req/s (target >= 5000: %s), p95 %.2f ms (target < 10 ms: %s)\n", ENVIRON["NAME"], rps,
      (rps >= 5000 ? "met" : "MISSED"), p95, (p95 < 10 ? "met" : "MISSED") }'
}
cat <<SUMMARY

==================== summary (paste into docs/benchmarks.md) ====================
Run $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet -- src 2>/dev/null || echo " (src modified)")
Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1 | awk '{print $1, $2}'), $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB RAM, $(. /etc/os-release && echo "$PRETTY_NAME")
Software: .NET $(dotnet --version), PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'), $(wrk -v 2>&1 | head -n 1 | awk '{print $1, $2}')
Load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)
Data: $SERVICES public services, $INCIDENTS open incidents with external updates; an external update posted every $CHANGE_INTERVAL s during the runs; $CONNECTIONS connections, $THREADS wrk threads, $DURATION s each after $WARMUP s of warm-up per address

| Address (anonymous GET) | Throughput | p50 ms | p95 ms | p99 ms | non-2xx | changes during the run | the page's database reads | app CPU ms per request |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
$(row page "/status (HTML)")
$(row summary "/status/summary.json")

$(NAME=/status verdict page)
$(NAME=/status/summary.json verdict summary)
=================================================================================
SUMMARY
