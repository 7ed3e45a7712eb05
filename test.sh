#!/usr/bin/env bash
# Runs every test of IncidentHub: the domain's unit tests and the API tests over a real PostgreSQL
# (a throwaway cluster from the local binaries, unless INCIDENTHUB_TEST_DATABASE names a server or
# a Docker engine answers). Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

source scripts/postgres.sh
if [ -z "${INCIDENTHUB_TEST_DATABASE:-}" ]; then
  require_postgres_binaries
fi

dotnet test IncidentHub.sln "$@"
