#!/usr/bin/env bash
# End-to-end tests of `scale lsp`: a real LSP client (pytest-lsp) drives the built server.
# Installs its Python packages itself, quietly, into a virtual environment under .build/.
# Usage: Tests/lsp/run.sh [pytest arguments]; SCALE_BIN overrides the server binary
# (default .build/debug/scale, built by `swift build`).
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.build/lsp-venv
if [ ! -x "$venv/bin/pytest" ]; then
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r Tests/lsp/requirements.txt
fi
export PYTHONDONTWRITEBYTECODE=1
export SCALE_BIN="${SCALE_BIN:-$PWD/.build/debug/scale}"
cd Tests/lsp
exec "../../$venv/bin/pytest" -q -p no:cacheprovider "$@"
