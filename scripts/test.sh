#!/usr/bin/env bash
# Set up StoryHub and run the whole test suite: once on SQLite (with the browser journeys in
# Chromium), once on PostgreSQL. Exits non-zero if the lint or any test fails.
#
#   bash scripts/test.sh                # everything
#   bash scripts/test.sh -k consent     # pytest options are passed to both runs
#
# The two runs go at once, one per core: the SQLite run prints as it goes, the PostgreSQL run's
# output is kept and printed whole after it (STORYHUB_TEST_SERIAL=1: one after the other).
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
  .venv/bin/python -m pytest "$@" || status=$?
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
  POSTGRES_LOG="$(mktemp -t storyhub-postgresql-tests.XXXXXX)"
  .venv/bin/python -m pytest "${POSTGRES_ARGS[@]}" > "$POSTGRES_LOG" 2>&1 &
  POSTGRES_PID=$!
  trap 'kill "$POSTGRES_PID" 2>/dev/null || true; rm -f "$POSTGRES_LOG"' EXIT
  echo "== Tests on SQLite (with the browser journeys; PostgreSQL runs meanwhile) =="
  run_pytest "$@" || failed=1
  postgres_status=0
  wait "$POSTGRES_PID" || postgres_status=$?
  echo "== Tests on PostgreSQL (ran alongside) =="
  cat "$POSTGRES_LOG"
  if [ "$postgres_status" -eq 5 ] && [ "$FILTERED" = 1 ]; then
    postgres_status=0
  fi
  [ "$postgres_status" -eq 0 ] || failed=1
fi

if [ "$failed" -ne 0 ]; then
  echo "Some checks failed (see above)." >&2
fi
exit "$failed"
