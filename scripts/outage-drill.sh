#!/usr/bin/env bash
# Outage drill: real PostgreSQL restarts and a rolling restart of the app under steady writes.
#   1. a throwaway PostgreSQL cluster on a free port of 127.0.0.1, the app built and started (Production);
#   2. 8 writers declaring incidents through the API for the whole drill, each with a fresh Idempotency-Key
#      that it retries on 503, 409, connection errors and timeouts until it gets 201 (scripts/outage_drill.py),
#      plus a probe that retries every 0.2 s (the recovery figure) and a live-update listener;
#   3. after STEADY s of writes each: `pg_ctl restart -m fast`, `pg_ctl restart -m immediate`, then SIGTERM to
#      the app while declares are in flight (held by a table lock) and a new start of it (a rolling restart of a
#      single instance);
#   4. the figures: answers by status per phase, seconds to the first 201 after each command, and whether any
#      acknowledged write is missing, any key made two incidents, any key is stuck "running", any answer was a
#      500. Exits 1 when one of those is not 0.
# Everything it starts is stopped, and its temp folder removed, when it exits (even on failure); the logs are
# kept when it fails. Takes about 2 minutes plus the build; stops itself after DRILL_TIME_LIMIT s.
#
# Usage: scripts/outage-drill.sh     Knobs (environment): STEADY WRITERS WRITER_PAUSE DEADLINE RETRY_AFTER_MAX
#                                    HOLD CONFIGURATION DRILL_TIME_LIMIT PG_BIN KEEP (1: keep the temp folder)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/postgres.sh

STEADY=${STEADY:-10}                       # seconds of steady writing before each disruption and at the end
CONFIGURATION=${CONFIGURATION:-Release}
DRILL_TIME_LIMIT=${DRILL_TIME_LIMIT:-300}  # the whole run, build included
export WRITERS=${WRITERS:-8} DEADLINE=${DEADLINE:-30}
DB=incidenthub

step() { printf '==> %s\n' "$*"; }
fail() { echo "outage-drill: $*" >&2; exit 2; }
now() { date +%s.%N; }

require_postgres_binaries
for tool in dotnet psql curl python3; do command -v "$tool" >/dev/null || fail "$tool is missing"; done

# ---- clean-up on exit -----------------------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/incidenthub-drill.XXXXXX")
APP_PID= CLIENTS_PID= WATCHDOG_PID= LOCK_PID=
stop_app() {  # SIGTERM, then SIGKILL after $1 s
  [ -n "$APP_PID" ] || return 0
  kill -TERM "$APP_PID" 2>/dev/null || true
  for _ in $(seq $(($1 * 5))); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=
}
cleanup() {
  local status=$?
  set +e
  if [ -n "$WATCHDOG_PID" ]; then pkill -P "$WATCHDOG_PID"; kill "$WATCHDOG_PID"; fi 2>/dev/null
  [ -n "$LOCK_PID" ] && kill "$LOCK_PID" 2>/dev/null
  if [ -n "$CLIENTS_PID" ]; then kill -KILL "$CLIENTS_PID" 2>/dev/null; wait "$CLIENTS_PID" 2>/dev/null; fi
  stop_app 10
  [ -f "$WORK/data/postmaster.pid" ] && as_postgres "$PG_BIN/pg_ctl" -D "$WORK/data" -m immediate -w stop >/dev/null 2>&1
  if [ "$status" != 0 ]; then
    local kept="${TMPDIR:-/tmp}/incidenthub-drill-logs.$$"
    mkdir -p "$kept" && cp "$WORK"/{app.log,pg.log,events.jsonl,phases.tsv} "$kept/" 2>/dev/null
    echo "outage-drill: failed (exit $status); app log, PostgreSQL log, every answer (events.jsonl) kept in $kept" >&2
  fi
  if [ "${KEEP:-0}" = 1 ]; then echo "outage-drill: kept $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'echo "outage-drill: stopped (time limit or SIGTERM)" >&2; exit 124' TERM
(sleep "$DRILL_TIME_LIMIT" && kill -TERM $$) 2>/dev/null &
WATCHDOG_PID=$!
own_by_postgres "$WORK"

# ---- PostgreSQL and the app -----------------------------------------------------------------------------------
PG_PORT=$(free_port 56432)
step "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (temp cluster)"
start_throwaway_cluster "$WORK" "$PG_PORT"
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres)
"${PSQL[@]}" -c "CREATE DATABASE $DB"

APP_PORT=$(free_port 59080)
URL="http://127.0.0.1:$APP_PORT"
step "Building the app ($CONFIGURATION)"
build_start=$SECONDS
dotnet build -c "$CONFIGURATION" src/IncidentHub.Web -nologo -v q -o "$WORK/app" >"$WORK/build.log" 2>&1 \
  || { cat "$WORK/build.log"; fail "build failed"; }
echo "    built in $((SECONDS - build_start)) s"
export ConnectionStrings__IncidentHub="Host=127.0.0.1;Port=$PG_PORT;Database=$DB;Username=postgres"
export IncidentHub__BootstrapAdmin__Email=drill@example.com IncidentHub__BootstrapAdmin__DisplayName="Outage Drill"
export IncidentHub__BootstrapAdmin__Password="outage drill password, not a secret"
export IncidentHub__RateLimits__ApiPerSecond=1000000 IncidentHub__RateLimits__ApiBurst=1000000
export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$URL"
# The live-update listener stands for a browser behind a TLS-terminating proxy on 127.0.0.1 (X-Forwarded-Proto:
# https): live updates are pages, which need HTTPS in Production. The writers call the API directly.
export IncidentHub__ForwardedHeaders__KnownProxies=127.0.0.1
# Warnings and errors only (every exception the app logs, not every request), as compact JSON lines.
export Serilog__MinimumLevel__Default=Warning
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
start_app() {  # the app's own process (no `dotnet run` in between), so that SIGTERM reaches it; from its project folder
  (cd src/IncidentHub.Web && exec setsid dotnet "$WORK/app/IncidentHub.Web.dll") >>"$WORK/app.log" 2>&1 &
  APP_PID=$!
  wait_until_ready "$URL/health/ready" "$APP_PID" 90 || fail "the app did not start"
}
step "Starting the app at $URL (Production)"
start_app
TOKEN=$(insert_api_token drill "${PSQL[@]}" -d "$DB")
curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" "$URL/api/v1/me" || fail "the API refuses the drill's token"

# ---- the drill ------------------------------------------------------------------------------------------------
mark() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-}" >>"$WORK/phases.tsv"; }
step "$WRITERS writers (and a probe) declaring; $STEADY s of steady writes before each step"
python3 scripts/outage_drill.py clients "$URL" "$TOKEN" "$WORK/events.jsonl" &
CLIENTS_PID=$!
t=$(now); mark writing "$t" "$t"
sleep "$STEADY"

for mode in fast immediate; do
  step "pg_ctl restart -m $mode"
  t=$(now)
  as_postgres "$PG_BIN/pg_ctl" -D "$WORK/data" -l "$WORK/pg.log" -m "$mode" -w -t 60 restart >/dev/null
  done_at=$(now)
  mark "pg_ctl restart -m $mode" "$t" "$done_at" "PostgreSQL back after $(awk -v a="$t" -v b="$done_at" 'BEGIN {printf "%.2f", b - a}') s"
  wait_until_ready "$URL/health/ready" "$APP_PID" 60 || fail "the app did not get ready again after the restart"
  sleep "$STEADY"
done

# So that SIGTERM surely finds requests in flight, a session holds a lock on the incidents table (reads go on,
# inserts wait) for HOLD s; SIGTERM comes after 1 s, while every writer waits in a declare. They must get
# their 201 as the app drains, before it exits.
HOLD=${HOLD:-2.5}
step "App: SIGTERM while the writers' declares wait on a $HOLD-s table lock, then a new start"
"${PSQL[@]}" -d "$DB" -c "BEGIN" -c "LOCK TABLE incidents IN SHARE MODE" -c "SELECT pg_sleep($HOLD)" -c "COMMIT" >/dev/null &
LOCK_PID=$!
sleep 1
t=$(now)
kill -TERM "$APP_PID"
exit_code=
for _ in $(seq 300); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$APP_PID" 2>/dev/null; then
  kill -KILL "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; exit_code="killed after 30 s"
else
  wait "$APP_PID" && exit_code=0 || exit_code=$?
fi
stopped=$(now)
APP_PID=
wait "$LOCK_PID" || true
LOCK_PID=
start_app
started=$(now)
mark "app SIGTERM + start" "$t" "$started" "$(awk -v a="$t" -v b="$stopped" -v c="$started" -v code="$exit_code" \
  'BEGIN {printf "exited %.2f s after SIGTERM (exit code %s), ready %.2f s after the new start", b - a, code, c - b}')"
sleep "$STEADY"

step "Stopping the writers (each finishes the key it holds)"
t=$(now); mark stop "$t" "$t"
kill -TERM "$CLIENTS_PID"
for _ in $(seq $(((DEADLINE + 10) * 5))); do kill -0 "$CLIENTS_PID" 2>/dev/null || break; sleep 0.2; done
kill -0 "$CLIENTS_PID" 2>/dev/null && fail "the writers did not stop"
wait "$CLIENTS_PID" || fail "the writers failed"
CLIENTS_PID=

# ---- the figures ----------------------------------------------------------------------------------------------
"${PSQL[@]}" -d "$DB" -F $'\t' -c "SELECT number, title FROM incidents ORDER BY number" >"$WORK/incidents.tsv"
"${PSQL[@]}" -d "$DB" -c "SELECT count(*) FROM idempotency_keys WHERE status_code IS NULL" >"$WORK/stuck.txt"
echo
echo "Run $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (src modified)'); .NET $(dotnet --version), PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'), $CONFIGURATION; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$WRITERS writers + 1 probe, ${WRITER_PAUSE:-0.05} s pause between declares, $STEADY s steady phases, deadline $DEADLINE s per key"
python3 scripts/outage_drill.py report "$WORK"
