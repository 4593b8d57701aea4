#!/usr/bin/env bash
# Set up StoryHub on the embedded defaults (SQLite, local media, demo data) and start it
# on http://127.0.0.1:5000.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
export FLASK_APP=wsgi.py
.venv/bin/flask db upgrade
.venv/bin/flask seed-demo
echo "StoryHub is starting on http://127.0.0.1:${PORT:-5000}"
exec .venv/bin/flask run --host 127.0.0.1 --port "${PORT:-5000}"
