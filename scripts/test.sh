#!/usr/bin/env bash
# Set up StoryHub and run the whole test suite: once on SQLite (with the browser journeys in
# Chromium), once on PostgreSQL. Exits non-zero if the lint or any test fails.
#
#   bash scripts/test.sh                # everything
#   bash scripts/test.sh -k consent     # pytest options are passed to both runs
#
# Three runs go at once on the two cores: SQLite without the browser, printed as it goes; the
# browser journeys (on SQLite) and PostgreSQL, each kept and printed whole after it
# (STORYHUB_TEST_SERIAL=1: SQLite with the journeys, then PostgreSQL, one after the other).
#
# Needs PostgreSQL on 127.0.0.1:5432 (TEST_POSTGRES_URL to change it) and /usr/bin/chromium
# (without it the browser tests are skipped, unless STORYHUB_REQUIRE_BROWSER=1).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

POSTGRES_URL="${TEST_POSTGRES_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/postgres}"
if ! .venv/bin/python - "$POSTGRES_URL" <<'EOF'
import sys

import sqlalchemy as sa

try:
    sa.create_engine(sys.argv[1]).connect().close()
except Exception as error:  # noqa: BLE001 - any failure means the same thing here
    print(f"PostgreSQL is not reachable at {sys.argv[1]}: {error}", file=sys.stderr)
    sys.exit(1)
EOF
then
  echo "Start PostgreSQL (or run .ci/run, which starts it), or set TEST_POSTGRES_URL." >&2
  exit 2
fi

# With a filter (-k, a path...) one of the two runs may select no test: that is not a failure.
run_pytest() {
  local status=0
  ${NICE:-} .venv/bin/python -m pytest "$@" || status=$?
  if [ "$status" -eq 5 ] && [ "$FILTERED" = 1 ]; then
    status=0
  fi
  return "$status"
}
FILTERED=$([ "$#" -gt 0 ] && echo 1 || echo 0)
failed=0

echo "== Lint (ruff) =="
.venv/bin/ruff check . || failed=1

POSTGRES_ARGS=(--db=postgresql -m "not browser" "$@")
if [ "${STORYHUB_TEST_SERIAL:-0}" = 1 ]; then
  echo "== Tests on SQLite (with the browser journeys) =="
  run_pytest "$@" || failed=1
  echo "== Tests on PostgreSQL =="
  run_pytest "${POSTGRES_ARGS[@]}" || failed=1
else
  # Three runs share the two cores: the browser journeys (SQLite) are about a third of the
  # work, and on their own beside the two databases' other tests the load is even; in one
  # SQLite run with them, that run alone took longer than the other two together.
  # The PostgreSQL run is the longest and waits on a round trip for each statement: the two
  # SQLite runs yield the cores to it and its server (nice), which evens the three out.
  LOGS="$(mktemp -d -t storyhub-tests.XXXXXX)"
  .venv/bin/python -m pytest "${POSTGRES_ARGS[@]}" > "$LOGS/postgresql" 2>&1 &
  POSTGRES_PID=$!
  nice -n 5 .venv/bin/python -m pytest -m browser "$@" > "$LOGS/browser" 2>&1 &
  BROWSER_PID=$!
  trap 'kill "$POSTGRES_PID" "$BROWSER_PID" 2>/dev/null || true; rm -rf "$LOGS"' EXIT
  echo "== Tests on SQLite, without the browser journeys (the journeys and PostgreSQL run meanwhile) =="
  NICE="nice -n 5" run_pytest -m "not browser" "$@" || failed=1
  for run in browser postgresql; do
    pid_var="$([ "$run" = browser ] && echo BROWSER_PID || echo POSTGRES_PID)"
    status=0
    wait "${!pid_var}" || status=$?
    if [ "$run" = browser ]; then
      echo "== Browser journeys in Chromium, on SQLite (ran alongside) =="
    else
      echo "== Tests on PostgreSQL (ran alongside) =="
    fi
    cat "$LOGS/$run"
    if [ "$status" -eq 5 ] && [ "$FILTERED" = 1 ]; then
      status=0
    fi
    [ "$status" -eq 0 ] || failed=1
  done
fi

if [ "$failed" -ne 0 ]; then
  echo "Some checks failed (see above)." >&2
fi
exit "$failed"
