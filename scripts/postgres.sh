# Shared by run.sh, test.sh, bench/run.sh and scripts/outage-drill.sh: finding, installing and running the local PostgreSQL binaries.
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

# ---- throwaway clusters and apps (bench/run.sh, scripts/outage-drill.sh) ----------------------------------------

# The first free TCP port on 127.0.0.1 from $1 on.
free_port() {
  local port
  for port in $(seq "$1" $(($1 + 500))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  echo "no free port from $1" >&2
  return 1
}

# A throwaway cluster in the folder $1 (which the postgres user can write; the cluster goes in $1/data, its log
# in $1/pg.log), listening on 127.0.0.1:$2 only, trust authentication. Further arguments are server settings
# (-c name=value). Stop it with: as_postgres "$PG_BIN/pg_ctl" -D "$1/data" -m fast -w stop
start_throwaway_cluster() {
  local folder=$1 port=$2
  shift 2
  as_postgres "$PG_BIN/initdb" -D "$folder/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$folder/initdb.log"
  as_postgres "$PG_BIN/pg_ctl" -D "$folder/data" -l "$folder/pg.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$folder $*" start >/dev/null
}

# A new API token (read and write incidents, one day) for the first account, written straight into the database:
# for throwaway databases only, where nobody signs in to make one. $1 names it; the rest is the psql command to
# the app's database. Prints the token.
insert_api_token() {
  local name=$1 token
  shift
  token="ihub_$name$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
  "$@" -c "INSERT INTO api_tokens (id, account_id, name, scopes, token_hash, prefix, created_at, created_by_id, expires_at)
    SELECT gen_random_uuid(), id, '$name', ARRAY['incidents:read', 'incidents:write'], upper(encode(sha256(convert_to('$token', 'UTF8')), 'hex')),
           left('$token', 9), now(), id, now() + interval '1 day'
    FROM accounts LIMIT 1" >/dev/null
  echo "$token"
}

# Waits up to $3 s until $1 answers 2xx, while the process $2 lives. Returns 1 otherwise.
wait_until_ready() {
  local url=$1 pid=$2 limit=$3 start=$SECONDS
  until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "the process $pid exited" >&2; return 1; }
    [ $((SECONDS - start)) -lt "$limit" ] || { echo "$url did not answer in $limit s" >&2; return 1; }
    sleep 0.2
  done
}
