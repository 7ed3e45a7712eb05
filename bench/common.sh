# Shared by the bench scripts (sourced after scripts/postgres.sh): messages, tools, and stopping what a run started.

step() { printf '\n==> %s\n' "$*"; }
fail() { echo "bench: $*" >&2; exit 1; }

ensure_wrk() {
  command -v wrk >/dev/null && return
  step "Installing wrk"
  local sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y wrk >/dev/null || { $sudo apt-get update >/dev/null && $sudo apt-get install -y wrk >/dev/null; }
}

# Sets PGBIN (and PG_BIN, which scripts/postgres.sh reads) to the newest installed server programs unless given.
find_server_programs() {
  PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
  [ -x "$PGBIN/initdb" ] || fail "PostgreSQL server programs not found; set PGBIN to the folder holding initdb"
  PG_BIN=$PGBIN
}

# Stops the app (its own process group, APP_PID, started with setsid) and the throwaway cluster in WORK, and removes
# WORK; after a failure first shows the last lines of both logs.
stop_run() {
  local status=$1
  if [ "$status" != 0 ]; then
    echo "bench: failed (exit $status); last lines of the logs:" >&2
    tail -n 25 "$WORK/app.log" "$WORK/pg.log" 2>/dev/null >&2
  fi
  if [ -n "${APP_PID:-}" ]; then
    kill -TERM -- "-$APP_PID" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$APP_PID" 2>/dev/null
  fi
  [ -f "$WORK/data/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$WORK/data" -m fast -w stop >/dev/null
  rm -rf "$WORK"
}
