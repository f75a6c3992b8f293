#!/usr/bin/env bash
# Sets up everything the course and its tests need, on a fresh Debian machine or
# again on a set-up one (each step is skipped when already done):
#   1. Debian's dataset-fashion-mnist package (the data), if apt-get is available;
#   2. the npm packages (npm ci), which also builds src/ into lib/;
#   3. a project-local Python virtual environment .venv/ with pinned JupyterLab;
#   4. the tslab kernel, registered inside .venv/ only;
#   5. the data, verified against its published checksums (npm run data);
#   6. with --with-browser (npm run setup:test): Debian's chromium, for the browser test;
#   7. the native TensorFlow backend (npm run native), optional: on failure a warning, and wasm.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\n==> %s\n' "$*"; }
WITH_BROWSER=0
if [ "${1:-}" = "--with-browser" ]; then WITH_BROWSER=1; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
APT_UPDATED=0
apt_install() {
  if [ "$APT_UPDATED" -eq 0 ]; then $SUDO apt-get update -qq && APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@"
}

# 1. Data from Debian, when we can install packages.
if [ ! -d /usr/share/datasets/fashion-mnist ] && [ ! -d data/fashion-mnist ] && [ -z "${FASHION_MNIST_DIR:-}" ] \
  && command -v apt-get >/dev/null; then
  say "Installing Debian's dataset-fashion-mnist package"
  if ! apt_install dataset-fashion-mnist; then
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

# 6. Chromium for the browser test (Debian's; no tool downloads a browser of its own).
if [ "$WITH_BROWSER" -eq 1 ]; then
  if [ -x /usr/bin/chromium ]; then
    say "Chromium is installed"
  else
    say "Installing Debian's chromium for the browser test"
    apt_install chromium
  fi
fi

# 7. The native TensorFlow backend: half a minute and 820 MB in .native/ the first time, seconds
#    after (also after npm ci). Optional: when it cannot be built, the lessons run on wasm.
#    BRAIN_NATIVE=0 skips it.
if [ "${BRAIN_NATIVE:-1}" = 0 ]; then
  say "Skipping the native TensorFlow backend (BRAIN_NATIVE=0): the lessons run on wasm"
else
  say "The native TensorFlow backend (npm run native)"
  if ! bash scripts/native.sh; then
    echo "WARNING: the native TensorFlow backend is not available (the reason is above); the course runs on the wasm backend." >&2
  fi
fi
say "Setup complete"
