# Shared by run.sh and test.sh: finding, installing and running the local PostgreSQL binaries.
# PostgreSQL refuses to run as root, so as root its programs run as the postgres user.

is_root() { [ "$(id -u)" = 0 ]; }

find_pg_bin() {
  local candidate
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/initdb" ]; then echo "$candidate"; return 0; fi
  done
  command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)"
}

require_postgres_binaries() {
  PG_BIN="${PG_BIN:-$(find_pg_bin || true)}"
  if [ -z "$PG_BIN" ]; then
    if is_root && command -v apt-get >/dev/null 2>&1; then
      echo "Installing PostgreSQL (apt-get install postgresql)"
      DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >/dev/null
      PG_BIN="$(find_pg_bin)"
    else
      echo "PostgreSQL is not installed: install the postgresql package (or run as root to let this script do it)." >&2
      exit 1
    fi
  fi
  export PG_BIN
}

as_postgres() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

own_by_postgres() {
  if is_root; then chown -R postgres:postgres "$1"; fi
}

# The folder for the cluster: the one asked for, unless the postgres user cannot reach it
# (a checkout under /root, say); then a folder of our own under /var/tmp.
pg_data_root() {
  local wanted="$1"
  mkdir -p "$wanted"
  if is_root && ! runuser -u postgres -- test -x "$wanted"; then
    wanted="/var/tmp/incidenthub-$(echo "$1" | sha1sum | cut -c1-12)"
    mkdir -p "$wanted"
    echo "The postgres user cannot reach $1; keeping the database in $wanted" >&2
  fi
  echo "$wanted"
}
