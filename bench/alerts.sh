#!/usr/bin/env bash
# IncidentHub alert-ingestion benchmark, end to end on one machine:
#   1. a throwaway PostgreSQL cluster in a temp folder, on a free port (normal durability);
#   2. the app in Release, whose migrations create the schema, with the ingestion rate limits lifted;
#   3. two Alertmanager-kind alert sources written straight into alert_sources (one to warm up on, one measured),
#      each allowed 1,000 new incidents a minute;
#   4. warm-up bursts on the first source, then the measured burst on the second (alerts_load.py):
#      ALERT_GROUPS x PER_GROUP alerts (100 x 100) in Alertmanager webhook notifications of PER_NOTIFICATION new
#      alerts (10), every notification sent twice (an HA pair) by SENDERS (16) concurrent senders; then the checks
#      (exactly ALERT_GROUPS incidents and ALERT_GROUPS x PER_GROUP alerts, every alert received twice, no 5xx) and
#      the statements the database ran per delivery;
#   5. pgbench with SENDERS clients running alert.sql, the SQL one new alert writes, on the same database;
#   6. a summary block for docs/benchmarks.md.
# Everything it starts is stopped, and the temp folder removed, when it exits (even on failure).
#
# Usage: bench/alerts.sh
# Knobs (environment): ALERT_GROUPS PER_GROUP PER_NOTIFICATION ACCUMULATE SENDERS COPIES (2: an HA pair; 1: one
# Alertmanager) WARMUP_ROUNDS DURATION (pgbench seconds) PGBIN PGBENCH_MODE
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export BENCH_DIR="$PWD/bench"
source scripts/postgres.sh   # as_postgres, free_port, start_throwaway_cluster, wait_until_ready
source bench/common.sh       # step, fail, find_server_programs, stop_run

export ALERT_GROUPS=${ALERT_GROUPS:-100} PER_GROUP=${PER_GROUP:-100} PER_NOTIFICATION=${PER_NOTIFICATION:-10}
export SENDERS=${SENDERS:-16} ACCUMULATE=${ACCUMULATE:-0} COPIES=${COPIES:-2}
WARMUP_ROUNDS=${WARMUP_ROUNDS:-10}
DURATION=${DURATION:-20}
PGBENCH_MODE=${PGBENCH_MODE:-prepared}
DB=incidenthub

find_server_programs
for tool in dotnet psql pgbench curl python3; do command -v "$tool" >/dev/null || fail "$tool is missing"; done

# ---- clean-up on exit ---------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/incidenthub-bench-alerts.XXXXXX")
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

# ---- PostgreSQL ---------------------------------------------------------------------------
PGPORT=$(free_port 55432)
# Durability as in production (fsync, synchronous_commit, full_page_writes on): app and pgbench pay the same commits.
PG_SETTINGS=(
  -c fsync=on -c synchronous_commit=on -c full_page_writes=on
  -c shared_buffers=512MB -c max_wal_size=4GB -c max_connections=100
  -c shared_preload_libraries=pg_stat_statements
)
step "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PGPORT (temp cluster)"
start_throwaway_cluster "$WORK" "$PGPORT" "${PG_SETTINGS[@]}"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres)
"${PSQL[@]}" -c "CREATE DATABASE $DB"
scalar() { "${PSQL[@]}" -d "$DB" -At -c "$1"; }

# ---- the app --------------------------------------------------------------------------------
APP_PORT=$(free_port 58080)
URL="http://127.0.0.1:$APP_PORT"
step "Building and starting the app (Release) at $URL"
dotnet build -c Release src/IncidentHub.Web -nologo -v q >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; fail "build failed"; }
export ConnectionStrings__IncidentHub="Host=127.0.0.1;Port=$PGPORT;Database=$DB;Username=postgres"
export IncidentHub__BootstrapAdmin__Email=bench@example.com IncidentHub__BootstrapAdmin__DisplayName="Bench Runner"
export IncidentHub__BootstrapAdmin__Password="bench runner password, not a secret"
# One source sending at rates no real pair of Alertmanagers reaches: lift the ingestion limit.
export IncidentHub__RateLimits__IngestPerSecond=1000000 IncidentHub__RateLimits__IngestBurst=1000000
export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$URL"
export Serilog__MinimumLevel__Default=${BENCH_LOG_LEVEL:-Warning} Logging__LogLevel__Default=Warning
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
setsid dotnet run -c Release --no-build --project src/IncidentHub.Web --no-launch-profile >"$WORK/app.log" 2>&1 &
APP_PID=$!
wait_until_ready "$URL/health/ready" "$APP_PID" 180 || fail "the app did not become ready"

# ---- alert sources ---------------------------------------------------------------------------
# Written as the app writes them (the secret stored as the uppercase hex SHA-256, as API tokens are).
add_source() {  # name: prints "id secret"
  local id secret
  id=$(python3 -c 'import uuid; print(uuid.uuid4())')
  secret="ihsrc_bench$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
  "${PSQL[@]}" -d "$DB" -c "INSERT INTO alert_sources (id, name, kind, default_service, severity_labels, service_label,
      group_by_labels, declare_immediately, mitigate_when_resolved, max_new_incidents_per_minute, enabled, secret_hash,
      secret_prefix, secret_created_at, storm_incident_id, created_at, updated_at)
    VALUES ('$id', '$1', 'Alertmanager', NULL, ARRAY['severity', 'priority'], 'service', ARRAY['service', 'alertname'],
      false, false, 1000, true, upper(encode(sha256(convert_to('$secret', 'UTF8')), 'hex')), left('$secret', 12), now(),
      NULL, now(), now())" >/dev/null
  echo "$id $secret"
}
read -r WARM_ID WARM_SECRET < <(add_source "Bench warm-up")
read -r BURST_ID BURST_SECRET < <(add_source "Bench burst")
"${PSQL[@]}" -d "$DB" -c "CREATE EXTENSION pg_stat_statements"

# One delivery first: a clear error if the endpoint refuses it.
status=$(curl -sS -o "$WORK/smoke.json" -w '%{http_code}' -H "Authorization: Bearer $WARM_SECRET" \
  -H 'Content-Type: application/json' --data-binary '{"version":"4","groupKey":"{}:{alertname=\"Smoke\"}","status":"firing","receiver":"r","groupLabels":{"alertname":"Smoke"},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://alertmanager.example.com:9093","truncatedAlerts":0,"alerts":[{"status":"firing","labels":{"alertname":"Smoke"},"annotations":{},"startsAt":"2026-01-01T00:00:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"","fingerprint":"smoke"}]}' \
  "$URL/api/v1/ingest/$WARM_ID")
[ "$status" = 202 ] || fail "the smoke delivery answered $status: $(cat "$WORK/smoke.json")"

# ---- load ------------------------------------------------------------------------------------
# CPU time (clock ticks, user + system) of the app's process group, of PostgreSQL (postmaster, its live children and
# the ones it reaped) and of this script's finished children (the load generator, pgbench): the figure that stays
# meaningful when other work shares the cores.
ticks() {
  local pid total=0
  for pid in "$@"; do
    total=$((total + $(awk '{sub(/^.*\) /, ""); print $12 + $13 + $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
cpu_now() {  # file: writes "app db loader" (ticks)
  local pm; pm=$(head -n 1 "$WORK/data/postmaster.pid")
  times >"$WORK/times"
  echo "$(ticks $(pgrep -g "$APP_PID")) $(ticks "$pm" $(pgrep -P "$pm")) $(awk -v hz="$(getconf CLK_TCK)" \
    'NR == 2 {split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * hz}' "$WORK/times")" >"$1"
}
cpu_per() {  # name count: CPU ms per unit between name.before and name.after
  paste -d' ' "$WORK/$1.before" "$WORK/$1.after" | awk -v n="$2" -v hz="$(getconf CLK_TCK)" \
    '{f = 1000 / hz / n; printf "%.2f / %.2f / %.2f", ($4 - $1) * f, ($5 - $2) * f, ($6 - $3) * f}'
}
result() { sed -n "s/^RESULT.* $2=\([^ ]*\).*/\1/p" "$WORK/$1.txt"; }
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# The JIT compiles the ingestion path during the first thousands of deliveries, and tiered compilation recompiles
# the hot methods twice more (instrumented, then optimized) on a background thread that the load starves of the two
# cores: warm up on another source, with pauses in which that thread catches up. With 3 rounds and no pauses, 15 %
# of the app's CPU during the burst was still the JIT (perf, DOTNET_PerfMapEnabled=1).
step "Warm-up: $WARMUP_ROUNDS bursts of 20 groups on another source"
for round in $(seq "$WARMUP_ROUNDS"); do
  ALERT_GROUPS=20 PREFIX="Warm$round" python3 "$BENCH_DIR/alerts_load.py" "$URL/api/v1/ingest/$WARM_ID" "$WARM_SECRET" \
    | tee "$WORK/warmup.txt"
  sleep 2
done

"${PSQL[@]}" -d "$DB" -c "VACUUM ANALYZE" -c "CHECKPOINT" -At -c "SELECT pg_stat_statements_reset()" >/dev/null
incidents_before=$(scalar "SELECT count(*) FROM incidents")
step "Burst: $ALERT_GROUPS groups x $PER_GROUP alerts, $PER_NOTIFICATION per notification$([ "$ACCUMULATE" = 1 ] && echo ' (accumulating)'), each sent $COPIES times, $SENDERS senders"
cpu_now "$WORK/burst.before"
PREFIX=Burst python3 "$BENCH_DIR/alerts_load.py" "$URL/api/v1/ingest/$BURST_ID" "$BURST_SECRET" >"$WORK/burst.txt"
cpu_now "$WORK/burst.after"
cat "$WORK/burst.txt"
deliveries=$(result burst deliveries)
burst_cpu_delivery=$(cpu_per burst "$deliveries")
burst_cpu_alert=$(cpu_per burst "$((ALERT_GROUPS * PER_GROUP))")

step "Checks"
new_incidents=$(( $(scalar "SELECT count(*) FROM incidents") - incidents_before ))
alerts=$(scalar "SELECT count(*) FROM alerts WHERE source_id = '$BURST_ID'")
alert_incidents=$(scalar "SELECT count(DISTINCT incident_id) FROM alerts WHERE source_id = '$BURST_ID'")
received=$(scalar "SELECT sum(times_received) FROM alerts WHERE source_id = '$BURST_ID'")
server_errors=$(sed -n 's/^RESULT//p' "$WORK/burst.txt" | tr ' ' '\n' | awk -F= '$1 ~ /^status_5/ {n += $2} END {print n + 0}')
accepted=$(result burst status_202); accepted=${accepted:-0}
transport_errors=$(result burst errors)
echo "incidents opened: $new_incidents (want $ALERT_GROUPS); alerts: $alerts (want $((ALERT_GROUPS * PER_GROUP))) in $alert_incidents incidents;"
echo "times received, summed: $received (each alert's copies: want $((COPIES * ALERT_GROUPS * PER_GROUP)) without ACCUMULATE);"
echo "answers 202: $accepted of $deliveries; 5xx: $server_errors; transport errors: $transport_errors"
checks=ok
[ "$new_incidents" = "$ALERT_GROUPS" ] && [ "$alerts" = $((ALERT_GROUPS * PER_GROUP)) ] && [ "$alert_incidents" = "$ALERT_GROUPS" ] \
  && [ "$server_errors" = 0 ] && [ "$transport_errors" = 0 ] && [ "$accepted" = "$deliveries" ] || checks=FAILED

step "Statements per delivery (pg_stat_statements, the burst only)"
"${PSQL[@]}" -d "$DB" -c "SELECT calls, round(calls / $deliveries::numeric, 2) AS per_delivery,
    round(mean_exec_time::numeric, 3) AS mean_ms, round((total_exec_time / $deliveries)::numeric, 3) AS ms_per_delivery,
    left(regexp_replace(query, '\s+', ' ', 'g'), 100) AS statement
  FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND query NOT LIKE '%pg_stat_statements%'
  ORDER BY total_exec_time DESC LIMIT 15"
statements_per_delivery=$(scalar "SELECT round(sum(calls) / $deliveries::numeric, 1) FROM pg_stat_statements
  WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%pg_stat_statements%'")
db_ms_per_delivery=$(scalar "SELECT round((sum(total_exec_time) / $deliveries)::numeric, 2) FROM pg_stat_statements
  WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%pg_stat_statements%'")

step "Plans of a delivery's reads (the alerts of one notification, after the burst)"
fingerprints=$(scalar "SELECT string_agg(quote_literal(fingerprint), ', ') FROM (SELECT fingerprint FROM alerts
  WHERE source_id = '$BURST_ID' ORDER BY fingerprint LIMIT $PER_NOTIFICATION) AS f")
group_key=$(scalar "SELECT group_key FROM alerts WHERE source_id = '$BURST_ID' LIMIT 1")
"${PSQL[@]}" -d "$DB" -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM alerts AS a WHERE a.source_id = '$BURST_ID'
    AND a.fingerprint = ANY (ARRAY[$fingerprints]) AND (a.status <> 'Resolved' OR a.resolved_at > now() - interval '1 day')" \
  -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT DISTINCT ON (a.group_key) a.group_key, a.incident_id
    FROM alerts AS a JOIN incidents AS i ON i.id = a.incident_id
    WHERE a.source_id = '$BURST_ID' AND a.group_key = ANY (ARRAY['$group_key']) AND i.phase = ANY (ARRAY['Preparation', 'Identification'])
    ORDER BY a.group_key, a.first_received_at DESC"

step "pgbench: alert.sql (the SQL one new alert writes), $SENDERS clients, $DURATION s"
first=$(scalar "SELECT min(i.number) FROM incidents i JOIN alerts a ON a.incident_id = i.id WHERE a.source_id = '$BURST_ID'")
last=$(scalar "SELECT max(i.number) FROM incidents i JOIN alerts a ON a.incident_id = i.id WHERE a.source_id = '$BURST_ID'")
cpu_now "$WORK/pgbench.before"
(cd "$WORK" && pgbench -h 127.0.0.1 -p "$PGPORT" -U postgres -n -M "$PGBENCH_MODE" -c"$SENDERS" -j2 -T"$DURATION" \
  -l --log-prefix=pgbench_log -D source_id="$BURST_ID" -D first="$first" -D last="$last" -f "$BENCH_DIR/alert.sql" "$DB") \
  >"$WORK/pgbench.txt" 2>&1 || { cat "$WORK/pgbench.txt"; fail "pgbench failed"; }
cpu_now "$WORK/pgbench.after"
grep -E '^(number of (transactions actually processed|failed)|latency average|tps)' "$WORK/pgbench.txt"
pg_tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$WORK/pgbench.txt" | xargs printf '%.0f')
pg_cpu=$(cpu_per pgbench "$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$WORK/pgbench.txt")")
cat "$WORK"/pgbench_log.* | awk '{print $3}' | sort -n >"$WORK/pgbench_latency.txt"
pct() { awk -v p="$1" '{v[NR] = $1} END {i = int(NR * p / 100 + 0.999); if (i < 1) i = 1; printf "%.1f", v[i] / 1000}' "$WORK/pgbench_latency.txt"; }
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- summary ---------------------------------------------------------------------------------
rate=$(result burst alerts_per_s)
ratio=$(awk -v a="$rate" -v b="$pg_tps" 'BEGIN {printf "%.2f", a / b}')
p95=$(result burst p95_ms)
verdict() { if awk "BEGIN {exit !($1)}"; then echo met; else echo MISSED; fi; }
cat <<EOF

==================== summary (paste into docs/benchmarks.md) ====================
Run $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (src modified)')
Machine: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM, $(. /etc/os-release && echo "$PRETTY_NAME")
Software: .NET $(dotnet --version), PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'), Python $(python3 -c 'import platform; print(platform.python_version())'), pgbench -M $PGBENCH_MODE
Load average (1/5/15 min) before: $load_start, after: $load_end
Burst: $ALERT_GROUPS groups x $PER_GROUP alerts, $PER_NOTIFICATION $([ "$ACCUMULATE" = 1 ] && echo "more alerts per notification, each carrying the group's firing alerts so far" || echo "new alerts per notification"); $deliveries deliveries (each notification sent $COPIES times), $SENDERS senders, after $WARMUP_ROUNDS warm-up bursts

| Measurement | Throughput | p50 ms | p95 ms | p99 ms | CPU ms per alert: app / PostgreSQL / load tool |
|---|---:|---:|---:|---:|---:|
| Burst, POST /api/v1/ingest (app), per delivery | $rate alerts/s ($(result burst deliveries_per_s) deliveries/s) | $(result burst p50_ms) | $p95 | $(result burst p99_ms) | $burst_cpu_alert |
| of which the first notification of each group (opens its incident) | $((ALERT_GROUPS * COPIES)) deliveries | $(result burst opening_p50_ms) | $(result burst opening_p95_ms) | | |
| of which the later notifications (join the open incident) | $((deliveries - ALERT_GROUPS * COPIES)) deliveries | $(result burst joining_p50_ms) | $(result burst joining_p95_ms) | | |
| One alert's SQL, pgbench alert.sql (database alone) | $pg_tps tps | $(pct 50) | $(pct 95) | $(pct 99) | $pg_cpu |

Alerts/s / pgbench tps: $ratio (target >= 0.50: $(verdict "$ratio >= 0.50")); p95 $p95 ms (target < 50 ms: $(verdict "$p95 < 50"))
Checks: $checks: $new_incidents incidents, $alerts alerts in $alert_incidents incidents, times received $received, $accepted x 202 of $deliveries, $server_errors x 5xx, $transport_errors transport errors
Per delivery: $statements_per_delivery statements, $db_ms_per_delivery ms of statement time in PostgreSQL; CPU ms per delivery: app / PostgreSQL / load tool $burst_cpu_delivery
=================================================================================
EOF
[ "$checks" = ok ] || fail "the checks failed"
