#!/usr/bin/env bash
# IncidentHub benchmark, end to end on one machine:
#   1. a throwaway PostgreSQL cluster in a temp folder, on a free port (normal durability);
#   2. the app in Release, whose migrations create the schema;
#   3. seed.sql: 100,000 incidents x 10 timeline events (plus severity changes and roles);
#   4. wrk at 16 connections: GET /api/v1/incidents (the first page), then POST
#      /api/v1/incidents (declare); pgbench at 16 clients running declare.sql, the SQL one
#      declare writes; CPU time per request of the app, PostgreSQL and the load tool;
#   5. a summary block for docs/benchmarks.md.
# Everything it starts is stopped, and the temp folder removed, when it exits (even on failure).
#
# Usage: bench/run.sh        Knobs (environment): INCIDENTS EVENTS CONNECTIONS THREADS DURATION WARMUP PGBIN NPGSQL_OPTIONS PGBENCH_MODE
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export BENCH_DIR="$PWD/bench"
source scripts/postgres.sh   # as_postgres, free_port, start_throwaway_cluster, insert_api_token, wait_until_ready
source bench/common.sh       # step, fail, ensure_wrk, find_server_programs, stop_run

INCIDENTS=${INCIDENTS:-100000}
EVENTS=${EVENTS:-10}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
DURATION=${DURATION:-20}   # seconds per measurement
WARMUP=${WARMUP:-60}       # seconds per endpoint at least, not measured (see warm_up)
NPGSQL_OPTIONS=${NPGSQL_OPTIONS:-}         # appended to the app's connection string, e.g. "Max Auto Prepare=0"
PGBENCH_MODE=${PGBENCH_MODE:-prepared}     # pgbench -M: prepared (as the app, which auto-prepares) or extended
DB=incidenthub

# ---- tools --------------------------------------------------------------------------------
ensure_wrk
find_server_programs
for tool in dotnet psql pgbench curl; do command -v "$tool" >/dev/null || fail "$tool is missing"; done

# ---- clean-up on exit ---------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/incidenthub-bench.XXXXXX")
APP_PID=
cleanup() {
  local status=$?
  set +e
  if [ "$status" != 0 ]; then
    cp "$WORK/app.log" "${TMPDIR:-/tmp}/incidenthub-bench-app.log" 2>/dev/null \
      && echo "bench: the app's log is kept in ${TMPDIR:-/tmp}/incidenthub-bench-app.log (BENCH_LOG_LEVEL=Information logs every request)" >&2
  fi
  stop_run "$status"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ "$(id -u)" = 0 ]; then chown postgres: "$WORK"; fi

# ---- PostgreSQL ---------------------------------------------------------------------------
PGPORT=$(free_port 55432)
# Durability as in production: fsync, synchronous_commit and full_page_writes stay on, so the
# app and pgbench pay the same commit (WAL flush) cost. pg_stat_statements counts statements.
PG_SETTINGS=(
  -c fsync=on -c synchronous_commit=on -c full_page_writes=on
  -c shared_buffers=512MB -c max_wal_size=4GB -c max_connections=100
  -c shared_preload_libraries=pg_stat_statements
)
step "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PGPORT (temp cluster)"
start_throwaway_cluster "$WORK" "$PGPORT" "${PG_SETTINGS[@]}"   # 127.0.0.1 only, socket and log in $WORK
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres)
"${PSQL[@]}" -c "CREATE DATABASE $DB"

# ---- the app --------------------------------------------------------------------------------
APP_PORT=$(free_port 58080)
URL="http://127.0.0.1:$APP_PORT"
step "Building and starting the app (Release) at $URL"
dotnet build -c Release src/IncidentHub.Web -nologo -v q >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; fail "build failed"; }
export ConnectionStrings__IncidentHub="Host=127.0.0.1;Port=$PGPORT;Database=$DB;Username=postgres${NPGSQL_OPTIONS:+;$NPGSQL_OPTIONS}"
# The first admin comes from configuration; its API token is written into the database below.
export IncidentHub__BootstrapAdmin__Email=bench@example.com IncidentHub__BootstrapAdmin__DisplayName="Bench Runner"
export IncidentHub__BootstrapAdmin__Password="bench runner password, not a secret"
# The load comes from one token at rates no person or tool would reach: lift its limit.
export IncidentHub__RateLimits__ApiPerSecond=1000000 IncidentHub__RateLimits__ApiBurst=1000000
export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$URL"
export Serilog__MinimumLevel__Default=${BENCH_LOG_LEVEL:-Warning} Logging__LogLevel__Default=Warning
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
setsid dotnet run -c Release --no-build --project src/IncidentHub.Web --no-launch-profile >"$WORK/app.log" 2>&1 &
APP_PID=$!
wait_until_ready "$URL/health/ready" "$APP_PID" 180 || fail "the app did not become ready"

# ---- the API token -------------------------------------------------------------------------------
BENCH_TOKEN=$(insert_api_token bench "${PSQL[@]}" -d "$DB")
export BENCH_TOKEN
AUTH=(-H "Authorization: Bearer $BENCH_TOKEN")

# ---- data ------------------------------------------------------------------------------------
step "Seeding $INCIDENTS incidents x $EVENTS timeline events"
seed_start=$SECONDS
"${PSQL[@]}" -d "$DB" -v incidents="$INCIDENTS" -v events="$EVENTS" -f "$BENCH_DIR/seed.sql" >/dev/null
"${PSQL[@]}" -d "$DB" -c "VACUUM ANALYZE" -c "CHECKPOINT" -c "CREATE EXTENSION pg_stat_statements"
seed_seconds=$((SECONDS - seed_start))
"${PSQL[@]}" -d "$DB" -At -F ' ' -c "SELECT 'rows:', (SELECT count(*) FROM incidents), 'incidents,', (SELECT count(*) FROM timeline_events), 'timeline events,',
  (SELECT count(*) FROM severity_changes), 'severity changes,', (SELECT count(*) FROM role_assignments), 'role assignments; database',
  pg_size_pretty(pg_database_size(current_database())), '; seeded in $seed_seconds s'"

# ---- load ------------------------------------------------------------------------------------
WRK=(wrk -t"$THREADS" -c"$CONNECTIONS" --timeout 30s)
result() { sed -n "s/^RESULT.* $2=\([^ ]*\).*/\1/p" "$WORK/$1.txt"; }
# CPU time, the figure that stays meaningful when other work shares the cores: clock ticks
# (user + system) of the app's process group, of PostgreSQL (postmaster, its live children,
# and the children it already reaped) and of this script's finished children (wrk, pgbench).
ticks() {
  local pid total=0
  for pid in "$@"; do
    total=$((total + $(awk '{sub(/^.*\) /, ""); print $12 + $13 + $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
cpu_now() {  # file: writes "app db loader" (ticks); not in $(...), so that `times` sees our children
  local pm; pm=$(head -n 1 "$WORK/data/postmaster.pid")
  times >"$WORK/times"
  echo "$(ticks $(pgrep -g "$APP_PID")) $(ticks "$pm" $(pgrep -P "$pm")) $(awk -v hz="$(getconf CLK_TCK)" \
    'NR == 2 {split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * hz}' "$WORK/times")" >"$1"
}
cpu_per() {  # name requests: CPU ms per request between name.before and name.after, kept as name.cpu
  paste -d' ' "$WORK/$1.before" "$WORK/$1.after" | awk -v n="$2" -v hz="$(getconf CLK_TCK)" \
    '{f = 1000 / hz / n; printf "%.2f %.2f %.2f\n", ($4 - $1) * f, ($5 - $2) * f, ($6 - $3) * f}' >"$WORK/$1.cpu"
  echo "CPU ms per request: app $(cpu "$1" 1), PostgreSQL $(cpu "$1" 2), load tool $(cpu "$1" 3)"
}
cpu() { cut -d' ' -f"$2" "$WORK/$1.cpu"; }
measure() {  # name script: one wrk run, its report kept in $WORK/name.txt
  cpu_now "$WORK/$1.before"
  "${WRK[@]}" -d"${DURATION}s" -s "$BENCH_DIR/$2" "$URL" >"$WORK/$1.txt"
  cpu_now "$WORK/$1.after"
  grep '^RESULT' "$WORK/$1.txt"
  [ "$(result "$1" requests)" -gt 0 ] || fail "$1: no request completed"
  cpu_per "$1" "$(result "$1" requests)"
}
statements() {  # what the database ran since the last reset, per request
  "${PSQL[@]}" -d "$DB" -c "SELECT calls, round(calls / $1::numeric, 2) AS per_request, round(mean_exec_time::numeric, 3) AS mean_ms,
      left(regexp_replace(query, '\s+', ' ', 'g'), 90) AS statement
    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
    ORDER BY calls DESC, total_exec_time DESC LIMIT 12"
}
# The JIT keeps compiling (tiered compilation, PGO) long after the first requests, the longer
# the busier the cores; until it is done the app burns several times its steady CPU per request
# (on the 2-core test machine: 4-5 ms for a minute, then 1.2 ms). Warm up in 5-s rounds, at
# least WARMUP s, until the app's CPU per request of the last three rounds is within 10 % (150 s
# at most). CPU per request, unlike throughput, barely moves with other load on the machine.
warm_up() {
  local -a seen=()
  while :; do
    cpu_now "$WORK/warmup.before"
    "${WRK[@]}" -d5s -s "$BENCH_DIR/$1" "$URL" >"$WORK/warmup.txt"
    cpu_now "$WORK/warmup.after"
    cpu_per warmup "$(( $(result warmup requests) > 0 ? $(result warmup requests) : 1 ))" >/dev/null
    seen+=("$(cpu warmup 1)")
    printf '%s ' "${seen[-1]}"
    [ "${#seen[@]}" -ge 30 ] && break
    [ "${#seen[@]}" -ge 3 ] && [ $((${#seen[@]} * 5)) -ge "$WARMUP" ] && echo "${seen[@]: -3}" | awk '{
      lo = $1; hi = $1; for (i = 2; i <= 3; i++) { if ($i < lo) lo = $i; if ($i > hi) hi = $i }; exit !(hi <= lo * 1.1) }' && break
  done
  echo "= app CPU ms per request in 5-s warm-up rounds ($((${#seen[@]} * 5)) s)"
  echo $((${#seen[@]} * 5)) >"$WORK/$1.warmup"
}
reset_statements() { "${PSQL[@]}" -d "$DB" -At -c "SELECT pg_stat_statements_reset()" >/dev/null; }
scalar() { "${PSQL[@]}" -d "$DB" -At -c "$1"; }
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# One request of each first: a clear error if the API refuses them.
curl -fsS -o /dev/null "${AUTH[@]}" -H 'Content-Type: application/json' -d '{"title":"Bench smoke test","severity":"S3","source":"Monitoring","services":["bench"]}' \
  "$URL/api/v1/incidents" || fail "POST /api/v1/incidents failed"
curl -fsS -o /dev/null "${AUTH[@]}" "$URL/api/v1/incidents" || fail "GET /api/v1/incidents failed"

# The list goes first, so that its first page holds seeded incidents (with their roles), not
# the ones the declare run adds.
step "List: GET /api/v1/incidents (first page, limit 50), $CONNECTIONS connections, $DURATION s"
warm_up list.lua
reset_statements
measure list list.lua
[ "$(result list non2xx)" = 0 ] || fail "list: $(result list non2xx) responses were not 2xx"
statements "$(result list requests)"
list_db_ms=$(scalar "SELECT round(mean_exec_time::numeric, 2) FROM pg_stat_statements WHERE query LIKE '%FROM incidents AS i%' ORDER BY calls DESC LIMIT 1")

step "Declare: POST /api/v1/incidents, $CONNECTIONS connections, $DURATION s"
warm_up declare.lua
reset_statements
measure declare declare.lua
[ "$(result declare non2xx)" = 0 ] || fail "declare: $(result declare non2xx) responses were not 2xx"
statements "$(result declare requests)"
declare_statements=$(scalar "SELECT round(sum(calls) / $(result declare requests)::numeric, 1) FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'")

step "pgbench: declare.sql (the SQL of one declare), $CONNECTIONS clients, $DURATION s"
ACTOR_ID=$("${PSQL[@]}" -d "$DB" -At -c "SELECT id FROM people WHERE email = 'bench@example.com'")
cpu_now "$WORK/pgbench.before"
(cd "$WORK" && pgbench -h 127.0.0.1 -p "$PGPORT" -U postgres -n -M "$PGBENCH_MODE" -c"$CONNECTIONS" -j"$THREADS" -T"$DURATION" \
  -l --log-prefix=pgbench_log -D actor_id="$ACTOR_ID" -f "$BENCH_DIR/declare.sql" "$DB") >"$WORK/pgbench.txt" 2>&1 \
  || { cat "$WORK/pgbench.txt"; fail "pgbench failed"; }
cpu_now "$WORK/pgbench.after"
grep -E '^(number of (transactions actually processed|failed)|latency average|tps)' "$WORK/pgbench.txt"
pg_tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$WORK/pgbench.txt" | xargs printf '%.1f')
cpu_per pgbench "$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$WORK/pgbench.txt")"
# Per-transaction latencies (microseconds, 3rd column of pgbench's log) to percentiles in ms.
cat "$WORK"/pgbench_log.* | awk '{print $3}' | sort -n >"$WORK/pgbench_latency.txt"
pct() { awk -v p="$1" '{v[NR] = $1} END {i = int(NR * p / 100 + 0.999); if (i < 1) i = 1; printf "%.2f", v[i] / 1000}' "$WORK/pgbench_latency.txt"; }
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- summary ---------------------------------------------------------------------------------
ratio=$(awk -v a="$(result declare rps)" -v b="$pg_tps" 'BEGIN {printf "%.2f", a / b}')
# When the cores are saturated, throughput is inversely proportional to the CPU one request costs
# (app + PostgreSQL + load tool): this ratio estimates the throughput ratio without the noise of
# whatever else ran during each phase.
cpu_ratio=$(paste -d' ' "$WORK/pgbench.cpu" "$WORK/declare.cpu" | awk '{printf "%.2f", ($1 + $2 + $3) / ($4 + $5 + $6)}')
list_p95=$(result list p95_ms)
verdict() { if awk "BEGIN {exit !($1)}"; then echo met; else echo MISSED; fi; }
row() {  # name, then the cells; the CPU cell comes from name.cpu
  local name=$1; shift
  printf '| %s | %s | %s | %s | %s | %s / %s / %s |\n' "$@" "$(cpu "$name" 1)" "$(cpu "$name" 2)" "$(cpu "$name" 3)"
}
cat <<EOF

==================== summary (paste into docs/benchmarks.md) ====================
Run $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (src modified)')
Machine: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM, $(. /etc/os-release && echo "$PRETTY_NAME")
Software: .NET $(dotnet --version), PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'), $(wrk -v 2>&1 | head -n 1 | awk '{print $1, $2}'), pgbench -M $PGBENCH_MODE${NPGSQL_OPTIONS:+; app connection options: $NPGSQL_OPTIONS}
Load average (1/5/15 min) before: $load_start, after: $load_end
Data: $INCIDENTS incidents x $EVENTS timeline events; $CONNECTIONS connections, $THREADS threads, ${DURATION} s each, after $(cat "$WORK/list.lua.warmup") s (list) and $(cat "$WORK/declare.lua.warmup") s (declare) of warm-up

| Measurement | Throughput | p50 ms | p95 ms | p99 ms | CPU ms per request: app / PostgreSQL / load tool |
|---|---:|---:|---:|---:|---:|
$(row declare "Declare, POST /api/v1/incidents (app)" "$(result declare rps) req/s" "$(result declare p50_ms)" "$(result declare p95_ms)" "$(result declare p99_ms)")
$(row list "List first page, GET /api/v1/incidents (app)" "$(result list rps) req/s" "$(result list p50_ms)" "$(result list p95_ms)" "$(result list p99_ms)")
$(row pgbench "Declare SQL, pgbench declare.sql (database alone)" "$pg_tps tps" "$(pct 50)" "$(pct 95)" "$(pct 99)")

Declare / pgbench throughput ratio: $ratio (target >= 0.50: $(verdict "$ratio >= 0.50")); from CPU cost per request: $cpu_ratio
List p95: $list_p95 ms (target < 20 ms: $(verdict "$list_p95 < 20")); the list query itself takes $list_db_ms ms in PostgreSQL (mean)
Statements per declare: app $declare_statements, pgbench 5 (BEGIN, 3 INSERTs, COMMIT)
=================================================================================
EOF
