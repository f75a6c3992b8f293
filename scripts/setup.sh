#!/usr/bin/env bash
# Sets up everything the course and its tests need, on a fresh Debian machine or
# again on a set-up one (each step is skipped when already done):
#   1. Debian's dataset-fashion-mnist package (the data), if apt-get is available;
#   2. the npm packages (npm ci), which also builds src/ into lib/;
#   3. a project-local Python virtual environment .venv/ with pinned JupyterLab;
#   4. the tslab kernel, registered inside .venv/ only;
#   5. the data, verified against its published checksums (npm run data).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\n==> %s\n' "$*"; }

# 1. Data from Debian, when we can install packages.
if [ ! -d /usr/share/datasets/fashion-mnist ] && [ ! -d data/fashion-mnist ] && [ -z "${FASHION_MNIST_DIR:-}" ] \
  && command -v apt-get >/dev/null; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  say "Installing Debian's dataset-fashion-mnist package"
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq dataset-fashion-mnist; }; then
    echo "Could not install dataset-fashion-mnist; npm run data will try to download the files instead."
  fi
fi

# 2. npm packages. npm ci starts from the lock file; skipped when node_modules already matches it.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
else
  say "npm packages are up to date; building src/ into lib/"
  npm run --silent build
fi

# 3. JupyterLab in a project-local virtual environment.
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  say "Creating the Python virtual environment .venv/"
  "$PYTHON" -m venv .venv
fi
STAMP=.venv/.requirements.sha256
WANT="$(sha256sum requirements.txt | cut -d' ' -f1)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ]; then
  say "JupyterLab is already installed in .venv/"
else
  say "Installing JupyterLab into .venv/ (pinned in requirements.txt)"
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
  echo "$WANT" > "$STAMP"
fi

# 4. The tslab kernel, registered in .venv/ (not in your home folder).
say "Registering the tslab (TypeScript) kernel in .venv/"
node_modules/.bin/tslab install --python=.venv/bin/python --sys-prefix --binary="$PWD/node_modules/.bin/tslab" >/dev/null

# 5. The data.
say "Checking the data"
npm run --silent data
say "Setup complete"
