#!/usr/bin/env bash
# Runs every test of IncidentHub: the domain's unit tests, the API tests over a real PostgreSQL
# (a throwaway cluster from the local binaries, unless INCIDENTHUB_TEST_DATABASE names a server or
# a Docker engine answers), the browser tests (Debian's Chromium driven by Playwright, axe-core
# from npm), the reverse-proxy tests (Debian's nginx) and the alert tests (Debian's Alertmanager).
# Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

source scripts/postgres.sh
if [ -z "${INCIDENTHUB_TEST_DATABASE:-}" ]; then
  require_postgres_binaries
fi

# The browser tests need Chromium (or INCIDENTHUB_CHROMIUM naming one) and axe-core; without them
# they fail, saying what is missing. Installed here when this script may (root, apt-get).
can_apt() { is_root && command -v apt-get >/dev/null 2>&1; }
apt_install() {
  echo "Installing $* (apt-get install)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
if [ -z "${INCIDENTHUB_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ] && can_apt; then
  apt_install chromium
fi
# The reverse-proxy tests put Debian's nginx in front of the app; without it they fail, saying what to install.
if [ ! -x /usr/sbin/nginx ] && can_apt; then
  apt_install nginx
fi
# The alert tests start Debian's Alertmanager delivering to the app; without it they fail, saying what to install.
if [ ! -x /usr/bin/prometheus-alertmanager ] && can_apt; then
  apt_install prometheus-alertmanager
fi
browser_tests=tests/IncidentHub.Browser.Tests
if [ ! -d "$browser_tests/node_modules/axe-core" ]; then
  if ! command -v npm >/dev/null 2>&1 && can_apt; then
    apt_install npm
  fi
  if command -v npm >/dev/null 2>&1; then
    (cd "$browser_tests" && npm ci --no-audit --no-fund) || echo "npm ci failed in $browser_tests: the browser tests will fail." >&2
  else
    echo "npm is missing, so axe-core is too: the browser tests will fail. Install npm, then run npm ci in $browser_tests." >&2
  fi
fi

# The API tests lint the OpenAPI document with Spectral from npm; without it that test fails, saying so.
lint=tests/IncidentHub.Web.Tests/OpenApiLint
if [ ! -x "$lint/node_modules/.bin/spectral" ]; then
  if command -v npm >/dev/null 2>&1; then
    (cd "$lint" && npm ci --no-audit --no-fund) || echo "npm ci failed in $lint: the OpenAPI lint test will fail." >&2
  else
    echo "npm is missing, so Spectral is too: the OpenAPI lint test will fail. Run npm ci in $lint." >&2
  fi
fi

dotnet test IncidentHub.sln "$@"
