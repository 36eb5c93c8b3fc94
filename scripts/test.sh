#!/usr/bin/env bash
# Runs every test: builds dist/ (the integration tests start the compiled kernel), prepares
# Python's Jupyter clients and JupyterLab in .venv for the tests that drive the kernel from them,
# runs jest.
# Extra arguments go to jest, e.g. `npm test -- test/kernel`.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run build
# jest transpiles without type checking, so the tests' types are checked here.
npx tsc -p tsconfig.test.json

if ! .venv/bin/python -c "import nbclient, nbformat, jupyter_client, jupyter_kernel_test, jupyterlab" 2>/dev/null; then
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r test/python/requirements.txt
fi

npx jest "$@"
