#!/usr/bin/env bash
# Set up StoryHub and run the whole test suite: once on SQLite (with the browser journeys in
# Chromium), once on PostgreSQL. Exits non-zero if any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
.venv/bin/ruff check storyhub tests
echo "== Tests on SQLite (with browser journeys) =="
.venv/bin/python -m pytest "$@"
echo "== Tests on PostgreSQL =="
.venv/bin/python -m pytest --db=postgresql -m "not browser" "$@"
