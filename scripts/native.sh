#!/usr/bin/env bash
# npm run native: TensorFlow's native backend for the course (@tensorflow/tfjs-node),
# built from TensorFlow's Python wheel instead of the libtensorflow download that
# Google's storage refuses since 2026 (HTTP 403, tensorflow/tfjs#8742).
#
#   1. gets the pinned tensorflow-cpu wheel: with pip from PyPI, or from a wheel file
#      or a folder of wheels named by BRAIN_TF_WHEEL (or --wheel), checked by SHA-256;
#   2. unpacks its two libraries and the C API headers into .native/ (git-ignored,
#      outside node_modules, so `npm ci` does not wipe them), then deletes the downloaded wheel;
#   3. makes sure @tensorflow/tfjs-node is in node_modules (without its install script)
#      and links the libraries and headers where it expects them (its deps/ folder);
#   4. builds its binding from source, or restores the one built before (kept in .native/);
#   5. proves it: tf.getBackend() === 'tensorflow', a matrix product, and the article's
#      model trained for one epoch (once; later runs only load it and multiply).
#
# Every step is skipped when already done: a second run, or one after `npm ci`, takes seconds.
# Exit status 0: ready. 3: not possible on this machine (no network or wheel, no pip, no
# compiler, unsupported system, no disk space). 1: something else went wrong. .native/status
# says which in one line (CI reads it). On failure the binding is left out, so the lessons
# run on the wasm backend.
#
# Options: --wheel PATH   a tensorflow-cpu wheel, or a folder holding one (offline machines)
#          --rebuild      rebuild the binding from source even if one is kept
#          --verify       train the one-epoch proof again even if it passed before
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

# The pins: tfjs-node's version comes from package.json, TensorFlow's from here.
TF_VERSION=2.21.0
WHEEL_PLATFORM=manylinux_2_27_x86_64
DEFAULT_TAG=cp311 # any CPython tag would do: only the libraries and headers are used, not Python
declare -A WHEEL_SHA256=(
  [cp310]=d143e92f5c0661cdfa26eaca8f73cd2efd0ec53a68af8dec82f584ba8eb14b83
  [cp311]=2b847d217b02ee7731ed91431daf3250daa0196c3c94614d23be27232e6e5b6c
  [cp312]=dcc8afd32930e42d5296b6ee19078b773706830af4ea97fbe503b9f5e0f820cb
  [cp313]=05af7c26d35f4de910b5598c7b507e3981831a7b0f47fed9a405d995d51d7793
)
wheel_name() { echo "tensorflow_cpu-$TF_VERSION-$1-$1-$WHEEL_PLATFORM.whl"; }
# What is unpacked: the two libraries, and the folders of the headers the binding includes.
LIBS=(libtensorflow_cc.so.2 libtensorflow_framework.so.2)
HEADER_DIRS=(tensorflow/c tensorflow/core/platform tsl/platform xla/tsl/c)
# TensorFlow's start-up lines, the same as src/backend.ts asks for: no INFO/WARNING lines, and
# no oneDNN custom ops (whose start-up notice ignores TF_CPP_MIN_LOG_LEVEL; the course's small
# models also train faster without them). Errors still print.
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}" TF_ENABLE_ONEDNN_OPTS="${TF_ENABLE_ONEDNN_OPTS:-0}"

NATIVE="$ROOT/.native"
TF_DIR="$NATIVE/tensorflow-cpu-$TF_VERSION"
WHEELS="$NATIVE/wheels"
LOG="$NATIVE/native.log"
STATUS="$NATIVE/status"
PKG="$ROOT/node_modules/@tensorflow/tfjs-node"

WHEEL_ARG="${BRAIN_TF_WHEEL:-}"
REBUILD=0
VERIFY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --wheel) WHEEL_ARG="${2:?--wheel needs a file or a folder}"; shift 2 ;;
    --wheel=*) WHEEL_ARG="${1#--wheel=}"; shift ;;
    --rebuild) REBUILD=1; shift ;;
    --verify) VERIFY=1; shift ;;
    -h | --help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "npm run native: unknown option $1 (try --help)" >&2; exit 1 ;;
  esac
done

T0=$SECONDS
step() { printf '  native: %s\n' "$*"; }
# fail CODE WHAT [HINT]: one clear message, the status line, and out (3 = not possible here, 1 = broken).
fail() {
  if [ "$1" = 3 ]; then echo "unavailable: $2" >"$STATUS"; else echo "failed: $2" >"$STATUS"; fi
  {
    echo
    echo "npm run native FAILED: $2"
    [ -z "${3:-}" ] || printf '  %s\n' "$3"
    [ ! -s "$LOG" ] || echo "  Details: $LOG"
    echo "  The course still works: without the native backend the lessons run on wasm."
  } >&2
  exit "$1"
}
# quiet LABEL CMD...: runs CMD with its output in the log; on failure shows the log's last lines.
quiet() {
  local label="$1"
  shift
  printf '\n### %s: %s\n' "$label" "$*" >>"$LOG"
  if ! "$@" >>"$LOG" 2>&1; then
    echo "---- last lines of $LOG ----" >&2
    tail -n 25 "$LOG" >&2
    return 1
  fi
}

mkdir -p "$NATIVE"
: >"$LOG"
echo "running" >"$STATUS"
trap 'rc=$?; if [ $rc -ne 0 ] && [ "$(cat "$STATUS" 2>/dev/null)" = running ]; then
  echo "failed: unexpected error (exit $rc)" >"$STATUS"
  echo "npm run native FAILED (exit $rc, see above and $LOG). The course still works: the lessons run on wasm." >&2
fi' EXIT
if command -v flock >/dev/null; then
  exec 9>"$NATIVE/.lock"
  flock -n 9 || fail 1 "another npm run native is running in this project; wait for it to finish."
fi

# 0. Can this machine run it at all?
[ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ] ||
  fail 3 "the native backend is built here for Linux x86_64 only; this is $(uname -s) $(uname -m)."
GLIBC="$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')"
if [ -n "$GLIBC" ] && [ "$(printf '%s\n2.27\n' "$GLIBC" | sort -V | head -n1)" != 2.27 ]; then
  fail 3 "TensorFlow's wheel needs glibc 2.27 or newer; this system has $GLIBC."
fi
TFJS_NODE_VERSION="$(node -p "require('./package.json').optionalDependencies['@tensorflow/tfjs-node']")"
[ -f "$ROOT/node_modules/@tensorflow/tfjs/package.json" ] ||
  fail 1 "the project's npm packages are not installed yet." "Run npm run setup (or npm ci) first."

# 1-2. TensorFlow's libraries and headers in .native/, unpacked once from the wheel.
unpacked() {
  [ -f "$TF_DIR/.complete" ] || return 1
  local l
  for l in "${LIBS[@]}"; do [ -s "$TF_DIR/lib/$l" ] || return 1; done
}

df_free_mb() { # DIR MB: fails when the disk holding DIR has less than MB megabytes free
  local free
  free="$(df -Pm "$1" | awk 'NR==2 {print $4}')"
  [ -z "$free" ] || [ "$free" -ge "$2" ] ||
    fail 3 "not enough disk space: $1 has $free MB free; this step needs about $2 MB." \
      "Free some space (the native backend takes about 820 MB in .native/, and 274 MB more while it unpacks)."
}

python_with_pip() {
  local py
  for py in "$ROOT/.venv/bin/python" "${PYTHON:-python3}" python3 python; do
    if command -v "$py" >/dev/null 2>&1 && "$py" -m pip --version >/dev/null 2>&1; then
      echo "$py"
      return 0
    fi
  done
  return 1
}

check_wheel() { # FILE: its name must be one we pin, and its SHA-256 the published one
  local file="$1" tag want got
  tag="$(basename "$file" | sed -n "s/^tensorflow_cpu-$TF_VERSION-\(cp3[0-9]*\)-\1-$WHEEL_PLATFORM\.whl\$/\1/p")"
  want="${WHEEL_SHA256[${tag:-none}]:-}"
  [ -n "$want" ] || fail 1 "$file is not a wheel this project pins." \
    "Expected one of: $(for t in $(printf '%s\n' "${!WHEEL_SHA256[@]}" | sort); do printf '%s ' "$(wheel_name "$t")"; done)"
  got="$(sha256sum "$file" | cut -d' ' -f1)"
  [ "$got" = "$want" ] || fail 1 "$file has SHA-256 $got, not the published $want (a broken or altered download)." \
    "Delete it and download it again (or run npm run native without BRAIN_TF_WHEEL to let pip fetch it)."
}

get_wheel() { # prints the path of a checked wheel
  local found
  if [ -n "$WHEEL_ARG" ]; then
    if [ -f "$WHEEL_ARG" ]; then
      found="$WHEEL_ARG"
    elif [ -d "$WHEEL_ARG" ]; then
      found="$(find "$WHEEL_ARG" -maxdepth 3 -name "tensorflow_cpu-$TF_VERSION-cp3*-$WHEEL_PLATFORM.whl" 2>/dev/null | sort | head -n1)"
      [ -n "$found" ] || fail 3 "no tensorflow_cpu-$TF_VERSION-cp3*-$WHEEL_PLATFORM.whl in $WHEEL_ARG." \
        "Get one where there is internet: pip download --no-deps --only-binary=:all: --python-version 3.11 --platform $WHEEL_PLATFORM tensorflow-cpu==$TF_VERSION"
    else
      fail 3 "BRAIN_TF_WHEEL (or --wheel) names $WHEEL_ARG, which does not exist."
    fi
    check_wheel "$found"
    step "using $found" >&2
    echo "$found"
    return
  fi
  found="$WHEELS/$(wheel_name "$DEFAULT_TAG")"
  if [ -f "$found" ]; then
    check_wheel "$found"
    echo "$found"
    return
  fi

  local py tmp
  py="$(python_with_pip)" || fail 3 "no Python with pip to download TensorFlow's wheel." \
    "Install it (Debian: sudo apt-get install python3-pip), or point BRAIN_TF_WHEEL at $(wheel_name "$DEFAULT_TAG")."
  df_free_mb "$NATIVE" 1200
  step "downloading $(wheel_name "$DEFAULT_TAG") (274 MB) from PyPI with pip" >&2
  mkdir -p "$WHEELS"
  tmp="$(mktemp -d "$WHEELS/.download.XXXXXX")"
  echo "tensorflow-cpu==$TF_VERSION --hash=sha256:${WHEEL_SHA256[$DEFAULT_TAG]}" >"$tmp/requirements.txt"
  # --python-version/--platform: the same wheel whatever Python runs pip; --require-hashes: the pinned file only.
  if ! quiet "pip download" "$py" -m pip download --disable-pip-version-check --no-cache-dir --progress-bar off \
    --retries 2 --timeout 30 --no-deps --only-binary=:all: --implementation cp --python-version "3.${DEFAULT_TAG#cp3}" \
    --platform "$WHEEL_PLATFORM" --require-hashes -r "$tmp/requirements.txt" -d "$tmp"; then
    rm -rf "$tmp"
    rmdir "$WHEELS" 2>/dev/null || true
    grep -q 'DO NOT MATCH THE HASHES' "$LOG" && fail 1 "pip downloaded a wheel whose SHA-256 is not the pinned one."
    fail 3 "could not download TensorFlow's wheel from PyPI (no network, or a proxy in the way?)." \
      "Offline: bring $(wheel_name "$DEFAULT_TAG") here and run: BRAIN_TF_WHEEL=/path/to/it-or-its-folder npm run native"
  fi
  mv "$tmp/$(wheel_name "$DEFAULT_TAG")" "$found"
  rm -rf "$tmp"
  echo "$found"
}

unpack() { # WHEEL -> $TF_DIR/{lib,include}, whole or not at all
  local py
  py="$(command -v python3 || command -v python || true)"
  [ -n "$py" ] || fail 3 "no python3 to unpack the wheel with."
  df_free_mb "$NATIVE" 900
  step "unpacking its libraries (815 MB) and C API headers into ${TF_DIR#"$ROOT/"}/"
  rm -rf "$TF_DIR" "$TF_DIR.tmp"
  quiet "unpack" "$py" - "$1" "$TF_DIR.tmp" "${LIBS[*]}" "${HEADER_DIRS[*]}" <<'PY' || { rm -rf "$TF_DIR.tmp"; fail 1 "could not unpack $1."; }
import os, shutil, sys, zipfile
wheel, dest, libs, header_dirs = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4].split()
want = {f"tensorflow/{l}": os.path.join(dest, "lib", l) for l in libs}
prefixes = tuple(f"tensorflow/include/{d}/" for d in header_dirs)
with zipfile.ZipFile(wheel) as z:
    for info in z.infolist():
        name = info.filename
        if name in want:
            target = want.pop(name)
        elif name.startswith(prefixes) and name.endswith(".h"):
            target = os.path.join(dest, "include", name[len("tensorflow/include/"):])
        else:
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with z.open(info) as src, open(target, "wb") as out:
            shutil.copyfileobj(src, out, 1 << 20)
        os.chmod(target, 0o755 if target.endswith(".so.2") else 0o644)
if want:
    sys.exit(f"the wheel lacks {', '.join(want)}")
print("unpacked", wheel, "->", dest)
PY
  basename "$1" >"$TF_DIR.tmp/.complete"
  mv "$TF_DIR.tmp" "$TF_DIR"
}

if unpacked; then
  step "TensorFlow $TF_VERSION's libraries are in ${TF_DIR#"$ROOT/"}/ (from $(cat "$TF_DIR/.complete"))"
else
  WHEEL="$(get_wheel)"
  unpack "$WHEEL"
  # A wheel pip downloaded is not kept (274 MB); one you pointed at is yours, left alone.
  case "$WHEEL" in "$WHEELS"/*) rm -rf "$WHEELS" ;; esac
fi

# 3. @tensorflow/tfjs-node in node_modules, without its install script (which would download the
#    libtensorflow that is gone). npm 11 keeps it installed thanks to package.json's allowScripts
#    entry; npm 10 runs the script, which fails, and drops the optional package: then add it here.
pkg_ok() {
  [ "$(node -p "try { require('$PKG/package.json').version } catch { '' }")" = "$TFJS_NODE_VERSION" ] &&
    (cd "$PKG" && node -e "require.resolve('@mapbox/node-pre-gyp'); require.resolve('@tensorflow/tfjs')") >/dev/null 2>&1
}
if ! pkg_ok; then
  step "adding @tensorflow/tfjs-node@$TFJS_NODE_VERSION to node_modules (without its install script)"
  quiet "npm install tfjs-node" npm install --no-save --ignore-scripts --no-audit --no-fund --loglevel=error \
    "@tensorflow/tfjs-node@$TFJS_NODE_VERSION" ||
    fail 3 "could not install @tensorflow/tfjs-node@$TFJS_NODE_VERSION from the npm registry (no network?)."
  pkg_ok || fail 1 "@tensorflow/tfjs-node@$TFJS_NODE_VERSION is still not usable in node_modules after npm install."
fi

# Links: deps/lib holds the wheel's libraries under the names the binding links against
# (-ltensorflow -ltensorflow_framework) and loads (its rpath is $ORIGIN/../../deps/lib);
# the empty libtensorflow.so.2.9.1 and scripts/custom-binary.json make tfjs-node's own
# install script (`npm rebuild @tensorflow/tfjs-node`) skip its download and build from source.
rm -rf "$PKG/deps"
mkdir -p "$PKG/deps/lib"
rel="$(realpath --relative-to="$PKG/deps/lib" "$TF_DIR/lib")"
for l in "${LIBS[@]}"; do ln -s "$rel/$l" "$PKG/deps/lib/$l"; done
ln -s libtensorflow_cc.so.2 "$PKG/deps/lib/libtensorflow.so"
ln -s libtensorflow_framework.so.2 "$PKG/deps/lib/libtensorflow_framework.so"
: >"$PKG/deps/lib/libtensorflow.so.2.9.1"
ln -s "$(realpath --relative-to="$PKG/deps" "$TF_DIR/include")" "$PKG/deps/include"
printf '{\n  "tf-lib": "file://%s (tensorflow-cpu %s, linked by npm run native)"\n}\n' "$TF_DIR" "$TF_VERSION" \
  >"$PKG/scripts/custom-binary.json"

# 4. The binding, where tfjs-node looks for it, and the copy kept in .native/ across `npm ci`.
BINDING="$(cd "$PKG" && node -p "require('@mapbox/node-pre-gyp').find(require.resolve('./package.json'))")"
NAPI_DIR="$(basename "$(dirname "$BINDING")")" # e.g. napi-v8
KEPT="$NATIVE/binding/tfjs-node-$TFJS_NODE_VERSION-tf-$TF_VERSION-linux-x64-$NAPI_DIR/tfjs_binding.node"

binding_loads() { # the binding and TensorFlow's libraries load (a second, no training)
  printf '\n### load %s\n' "$BINDING" >>"$LOG"
  (cd "$ROOT" && node -e "require('$BINDING')") >>"$LOG" 2>&1
}

build_binding() {
  command -v make >/dev/null || fail 3 "no make: the binding is compiled here." "Debian: sudo apt-get install build-essential"
  command -v "${CXX:-g++}" >/dev/null || command -v c++ >/dev/null ||
    fail 3 "no C++ compiler: the binding is compiled here." "Debian: sudo apt-get install build-essential"
  command -v python3 >/dev/null || fail 3 "no python3 (node-gyp needs it)."
  # node-gyp compiles against Node's headers: the ones installed beside node if there are
  # (so nothing is downloaded), else node-gyp's cache, else it downloads them (needs internet).
  local prefix gyp
  prefix="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
  if [ -z "${npm_config_nodedir:-}" ] && [ -f "$prefix/include/node/node_api.h" ] && [ -f "$prefix/include/node/common.gypi" ]; then
    export npm_config_nodedir="$prefix"
  fi
  if [ -z "${npm_config_node_gyp:-}" ]; then # set by `npm run`; else npm's own node-gyp
    gyp="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")/node_modules/node-gyp/bin/node-gyp.js"
    [ ! -f "$gyp" ] || export npm_config_node_gyp="$gyp"
  fi
  step "building the binding from source (about 20 s on 2 cores)"
  rm -rf "$PKG/build" "$(dirname "$BINDING")"
  if ! (cd "$PKG" && export PATH="$ROOT/node_modules/.bin:$PATH" && quiet "build" node-pre-gyp install --build-from-source); then
    if grep -qE 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET' "$LOG"; then
      fail 3 "could not build: node-gyp needed Node.js's headers and could not download them." \
        "Install Node.js with its headers (include/node/ beside bin/node), or set npm_config_nodedir to such a folder."
    fi
    fail 1 "building the binding failed (the compiler's messages are above)."
  fi
  [ -f "$BINDING" ] || fail 1 "the build finished, but $BINDING is not there."
  mkdir -p "$(dirname "$KEPT")"
  cp "$BINDING" "$KEPT.tmp" && mv "$KEPT.tmp" "$KEPT"
}

if [ "$REBUILD" = 1 ]; then
  build_binding
elif [ -f "$BINDING" ] && binding_loads; then
  step "the binding is built (${BINDING#"$ROOT/"})"
  [ -f "$KEPT" ] || { mkdir -p "$(dirname "$KEPT")" && cp "$BINDING" "$KEPT"; }
elif [ -f "$KEPT" ] && mkdir -p "$(dirname "$BINDING")" && cp "$KEPT" "$BINDING" && binding_loads; then
  step "restored the binding built before (from ${KEPT#"$ROOT/"})"
else
  build_binding
fi

# 5. The proof, through the course's own code (lib/, which `npm ci` and setup build from src/).
[ -f "$ROOT/lib/index.js" ] || quiet "build lib" npm run --silent build || fail 1 "npm run build failed."
STAMP="$(sha256sum "$BINDING" | cut -d' ' -f1) tensorflow-cpu-$TF_VERSION"
MODE=quick
if [ "$VERIFY" = 1 ] || [ "$(cat "$NATIVE/verified" 2>/dev/null)" != "$STAMP" ]; then
  MODE=full
  step "proving it: a matrix product, then the article's model trained for one epoch on all 60,000 images"
fi
set +e
node "$ROOT/scripts/native-check.js" "$MODE" 2>"$NATIVE/check.stderr"
CHECK=$?
set -e
if [ "$CHECK" -ne 0 ]; then
  cat "$NATIVE/check.stderr" >&2
  rm -f "$NATIVE/verified"
  # Only a proven binding stays where tfjs-node looks: the lessons fall back to wasm.
  mv -f "$BINDING" "$BINDING.unproven"
  [ "$CHECK" = 3 ] && fail 3 "the native backend loads, but its one-epoch proof needs Fashion-MNIST." "Run npm run data, then npm run native."
  fail 1 "the native backend was built but did not pass its check (above)."
fi
# Anything TensorFlow or tfjs printed on stderr would show in a lesson's output: say so.
if [ -s "$NATIVE/check.stderr" ]; then
  echo "  native: note: loading and training printed this on stderr (kept in ${NATIVE#"$ROOT/"}/check.stderr):" >&2
  sed 's/^/    /' "$NATIVE/check.stderr" >&2
fi
[ "$MODE" = quick ] || echo "$STAMP" >"$NATIVE/verified"
rm -f "$BINDING.unproven"
echo "ok: tfjs-node $TFJS_NODE_VERSION on tensorflow-cpu $TF_VERSION" >"$STATUS"
step "ready in $((SECONDS - T0)) s: BRAIN_BACKEND=tensorflow runs the lessons on it (they use wasm by default, faster for their small models)."
