#!/usr/bin/env bash
# Create the virtual environment, install StoryHub with its development tools, compile the
# translations. Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[dev]" -c constraints.txt
.venv/bin/pybabel compile -d storyhub/translations > /dev/null
