#!/usr/bin/env bash
# Installs @tensorflow/tfjs-node into node_modules without its install script, which downloads
# libtensorflow from storage.googleapis.com and fails where only package registries are reachable.
# libtensorflow comes from PyPI's tensorflow-cpu wheel instead, and the native addon is compiled
# against it, so npm and PyPI (or a wheel folder named by pip's find-links) are all it needs.
#
# Linux x86_64 only; needs node, npm, python3 with pip or venv, make and a C++ compiler.
# tfjs-node is not saved to package.json: `npm ci` and `npm install` remove it, and running this
# script again puts it back. Running it when tfjs-node already loads changes nothing.
# Prints nothing on success; on failure it names the step and shows the end of that step's output.
set -euo pipefail
cd "$(dirname "$0")/.."

TFJS_NODE_VERSION=4.22.0
# tfjs-node 4.22.0 is built against libtensorflow 2.9.1 (LIBTENSORFLOW_VERSION in its
# scripts/deps-constants.js). The tensorflow-cpu wheels up to 2.11 keep
# TensorFlow's C API in python/_pywrap_tensorflow_internal.so, which cannot load without libpython's
# symbols. From 2.12 the wheel has it in libtensorflow_cc.so.2, which exports every TF_ and TFE_
# function the addon calls, and the addon is compiled against the same wheel's headers.
TENSORFLOW_VERSION=2.12.1
# The wheel's libraries do not depend on Python, so any CPython tag of this release will do.
WHEEL_PYTHON=3.10
WHEEL_PLATFORM=manylinux2014_x86_64

PACKAGE_DIR=node_modules/@tensorflow/tfjs-node
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/tskeras"
LOG="$(mktemp)"
download_dir=""
trap 'rm -f "$LOG"; [ -z "$download_dir" ] || rm -rf "$download_dir"' EXIT

fail() {
  echo "scripts/tfjs-node-offline.sh: $1" >&2
  exit 1
}

# Runs a command with its output in $LOG; when it fails, names the step and prints the end of that output.
run() {
  local step=$1
  shift
  if ! "$@" >"$LOG" 2>&1; then
    echo "scripts/tfjs-node-offline.sh: failed to $step. Last lines of its output:" >&2
    tail -n 30 "$LOG" >&2
    exit 1
  fi
}

# Exits with status 0 when tfjs-node $TFJS_NODE_VERSION loads and TensorFlow.js runs an op on its backend.
check_tfjs_node() {
  TF_CPP_MIN_LOG_LEVEL=1 node -e '
    const version = require("@tensorflow/tfjs-node/package.json").version;
    if (version !== process.argv[1]) throw new Error(`@tensorflow/tfjs-node is ${version}, not ${process.argv[1]}`);
    const tf = require("@tensorflow/tfjs");
    require("@tensorflow/tfjs-node");
    tf.ready().then(() => {
      if (tf.getBackend() !== "tensorflow") throw new Error(`the backend is ${tf.getBackend()}, not tensorflow`);
      const sum = tf.tensor1d([1, 2, 3]).sum().dataSync()[0];
      if (sum !== 6) throw new Error(`the sum of [1, 2, 3] on the tensorflow backend is ${sum}`);
    });
  ' "$TFJS_NODE_VERSION"
}

# 1. Check the platform and the tools.
[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] ||
  fail "only Linux x86_64 is supported, this is $(uname -s)-$(uname -m); elsewhere run: npm install --no-save @tensorflow/tfjs-node@$TFJS_NODE_VERSION"
for tool in node npm python3 make c++; do
  command -v "$tool" >/dev/null || fail "$tool is missing (Debian and Ubuntu: apt-get install nodejs npm python3-venv build-essential)"
done
[ -f package-lock.json ] && [ -d node_modules/@tensorflow/tfjs ] || fail "node_modules is not installed; run npm ci first"

if check_tfjs_node >/dev/null 2>&1; then
  exit 0
fi

# 2. Install the package without its install script.
if [ "$(node -p 'require("@tensorflow/tfjs-node/package.json").version' 2>/dev/null)" != "$TFJS_NODE_VERSION" ]; then
  run "install @tensorflow/tfjs-node@$TFJS_NODE_VERSION from npm" \
    npm install --no-save --ignore-scripts --no-audit --no-fund "@tensorflow/tfjs-node@$TFJS_NODE_VERSION"
fi
# tfjs-node registers its backend with the @tensorflow/tfjs it resolves, which must be the kernel's.
[ ! -e "$PACKAGE_DIR/node_modules/@tensorflow/tfjs" ] ||
  fail "npm gave tfjs-node its own @tensorflow/tfjs, because it needs @tensorflow/tfjs $TFJS_NODE_VERSION and package-lock.json has $(node -p 'require("@tensorflow/tfjs/package.json").version')"

# 3. Download the tensorflow-cpu wheel, unless an earlier run left it in $CACHE_DIR.
wheel=$(find "$CACHE_DIR" -maxdepth 1 -name "tensorflow_cpu-$TENSORFLOW_VERSION-*-$WHEEL_PLATFORM.whl" 2>/dev/null | head -n 1 || true)
if [ -z "$wheel" ]; then
  mkdir -p "$CACHE_DIR"
  pip=(python3 -m pip)
  if ! python3 -m pip --version >/dev/null 2>&1; then
    # Debian's python3 has no pip until python3-pip is installed, so a virtual environment provides one.
    [ -x "$CACHE_DIR/pip-venv/bin/pip" ] || run "create a Python virtual environment for pip in $CACHE_DIR/pip-venv" python3 -m venv "$CACHE_DIR/pip-venv"
    pip=("$CACHE_DIR/pip-venv/bin/pip")
  fi
  download_dir=$(mktemp -d "$CACHE_DIR/download.XXXXXX")
  run "download tensorflow-cpu==$TENSORFLOW_VERSION from PyPI" \
    "${pip[@]}" download --quiet --no-deps --no-cache-dir --only-binary=:all: --implementation cp \
    --python-version "$WHEEL_PYTHON" --platform "$WHEEL_PLATFORM" --dest "$download_dir" "tensorflow-cpu==$TENSORFLOW_VERSION"
  wheel="$CACHE_DIR/$(basename "$download_dir"/tensorflow_cpu-*.whl)"
  mv "$download_dir"/tensorflow_cpu-*.whl "$wheel"
fi

# 4. Lay out deps/ as binding.gyp expects: headers in deps/include, and in deps/lib the libraries it
# links with -ltensorflow and -ltensorflow_framework. The addon records their sonames
# (libtensorflow_cc.so.2, libtensorflow_framework.so.2) and finds them at run time through its rpath.
if [ "$(cat "$PACKAGE_DIR/deps/tensorflow-cpu-version" 2>/dev/null)" != "$TENSORFLOW_VERSION" ]; then
  rm -rf "$PACKAGE_DIR/deps"
  run "extract libtensorflow and its C headers from $wheel" python3 - "$wheel" "$PACKAGE_DIR/deps" <<'PYTHON'
import shutil
import sys
import zipfile
from pathlib import Path

wheel, deps = sys.argv[1], Path(sys.argv[2])
libraries = {"tensorflow/libtensorflow_cc.so.2", "tensorflow/libtensorflow_framework.so.2"}
# The headers that tensorflow/c/c_api.h and tensorflow/c/eager/c_api.h include, and the tstring header the addon includes.
header_folders = ("tensorflow/include/tensorflow/c/", "tensorflow/include/tensorflow/core/platform/", "tensorflow/include/tensorflow/tsl/")

with zipfile.ZipFile(wheel) as archive:
    names = set(archive.namelist())
    missing = libraries - names
    if missing:
        sys.exit(f"{wheel} has no {', '.join(sorted(missing))}")
    for name in names:
        if name in libraries:
            target = deps / "lib" / Path(name).name
        elif name.startswith(header_folders) and name.endswith(".h"):
            target = deps / "include" / name.removeprefix("tensorflow/include/")
        else:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(name) as source, open(target, "wb") as destination:
            shutil.copyfileobj(source, destination)
PYTHON
  ln -s libtensorflow_cc.so.2 "$PACKAGE_DIR/deps/lib/libtensorflow.so"
  ln -s libtensorflow_framework.so.2 "$PACKAGE_DIR/deps/lib/libtensorflow_framework.so"
  echo "$TENSORFLOW_VERSION" >"$PACKAGE_DIR/deps/tensorflow-cpu-version"
fi

# 5. Compile the addon with node-gyp into lib/napi-v<N>/, where tfjs-node looks for it. This uses npm's
# own node-gyp and the Node headers installed next to node. Without those headers, node-gyp downloads
# them from nodejs.org.
npm_node_gyp="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$npm_node_gyp" ] && export npm_config_node_gyp="$npm_node_gyp"
node_prefix=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
[ -f "$node_prefix/include/node/node_api.h" ] && export npm_config_nodedir="$node_prefix"
node_pre_gyp=$(node -p "require.resolve('@mapbox/node-pre-gyp/bin/node-pre-gyp', { paths: ['$PACKAGE_DIR'] })")
run "build the tfjs-node addon with node-gyp" bash -c "cd '$PACKAGE_DIR' && node '$node_pre_gyp' install --build-from-source"

# 6. Check that it loads.
run "load tfjs-node and run an op on the tensorflow backend" check_tfjs_node
