#!/usr/bin/env bash
# Strips outputs and execution counts from every lesson, as they are committed.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/jupyter nbconvert --clear-output --inplace --log-level=WARN notebooks/*.ipynb
echo "Outputs cleared from: $(ls notebooks/*.ipynb | tr '\n' ' ')"
