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

# The Nu Html Checker for tests/html (skipped without it, required in CI): from npm, run by java.
if command -v npm >/dev/null && command -v java >/dev/null \
  && [ ! -f tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar ]; then
  npm install --silent --no-audit --no-fund --ignore-scripts --prefix tools/vnu vnu-jar@26.9.27 \
    || echo "vnu-jar not installed: the HTML checks will be skipped" >&2
fi
