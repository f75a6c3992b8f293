#!/usr/bin/env bash
# Sets up (if needed) and opens the course in JupyterLab at lesson 1, on this machine only (127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
PORT="${PORT:-8888}"
FIRST="$(ls notebooks/*.ipynb | sort | head -n 1)"
echo
echo "Starting JupyterLab on http://127.0.0.1:${PORT}/lab/tree/${FIRST} (Ctrl+C stops it)."
echo "Open the URL printed below (it carries your login token), then run the cells in order."
ROOT_FLAG=()
if [ "$(id -u)" -eq 0 ]; then ROOT_FLAG=(--allow-root); fi   # containers and CI machines often run as root
exec .venv/bin/jupyter lab --ip=127.0.0.1 --port="$PORT" --no-browser "${ROOT_FLAG[@]}" --ServerApp.root_dir="$PWD" "$FIRST"
