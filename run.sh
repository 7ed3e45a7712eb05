#!/usr/bin/env bash
# Runs IncidentHub on http://localhost:5080 with its database: a PostgreSQL cluster kept in .data/
# (or docker compose where a Docker engine runs), migrations applied, demo data loaded when the
# database is empty. Ctrl-C stops the app and the database it started.
set -euo pipefail
cd "$(dirname "$0")"

APP_PORT="${INCIDENTHUB_PORT:-5080}"
PG_PORT="${INCIDENTHUB_PG_PORT:-5433}"

if [ "${INCIDENTHUB_USE_DOCKER:-auto}" != "no" ] && command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  echo "A Docker engine answers: running with docker compose on https://localhost:8443 (INCIDENTHUB_USE_DOCKER=no to run locally)."
  exec docker compose up --build
fi

source scripts/postgres.sh
require_postgres_binaries

DATA_ROOT="$(pg_data_root "$PWD/.data")"
DATA="$DATA_ROOT/postgres"
if [ ! -f "$DATA/PG_VERSION" ]; then
  echo "Creating the database cluster in $DATA"
  mkdir -p "$DATA"
  own_by_postgres "$DATA_ROOT"
  as_postgres "$PG_BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi

started_here=no
app_pid=""
stop_all() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  if [ "$started_here" = yes ]; then
    echo "Stopping PostgreSQL"
    as_postgres "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null || true
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

if as_postgres "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  echo "PostgreSQL is already running from $DATA; using it."
else
  echo "Starting PostgreSQL on 127.0.0.1:$PG_PORT"
  as_postgres "$PG_BIN/pg_ctl" -D "$DATA" -l "$DATA_ROOT/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -k $DATA_ROOT -c listen_addresses=127.0.0.1" start >/dev/null
  started_here=yes
fi

if ! "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname = 'incidenthub'" | grep -q 1; then
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres incidenthub
fi

export ConnectionStrings__IncidentHub="Host=127.0.0.1;Port=$PG_PORT;Database=incidenthub;Username=postgres"
export IncidentHub__DemoData=true
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="http://localhost:$APP_PORT"
dotnet build src/IncidentHub.Web --nologo -v quiet -o .data/app >/dev/null
cat <<ACCOUNTS
IncidentHub will listen on http://localhost:$APP_PORT (API reference: /scalar). Ctrl-C stops it.
Demo sign-ins (demo data only; change or deactivate them before real use):
  admin@example.com  demo-admin-password   Admin
  alice@example.com  demo-alice-password   Incident Manager
  bob@example.com    demo-bob-password     Responder
  carmen@example.com demo-carmen-password  Responder
  dev@example.com    demo-dev-password     Viewer
ACCOUNTS
# The app runs from its project folder, which holds its settings files.
(cd src/IncidentHub.Web && exec dotnet ../../.data/app/IncidentHub.Web.dll) &
app_pid=$!
wait "$app_pid"
