#!/usr/bin/env bash
# End-to-end tests of `scale lsp`: a real LSP client (pytest-lsp) drives the built server.
# Installs its Python packages itself, quietly, into a virtual environment under .build/.
# Usage: Tests/lsp/run.sh [pytest arguments]; SCALE_BIN overrides the server binary
# (default .build/debug/scale, built by `swift build`).
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.build/lsp-venv
if [ ! -x "$venv/bin/pytest" ]; then
  if ! { command -v python3 >/dev/null && python3 -m venv "$venv" >/dev/null 2>&1; }; then
    # A fresh Debian/Ubuntu machine may lack Python's venv module (as scripts/install-deps.sh
    # installs the system packages the build needs).
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing: python3 python3-venv" >&2
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq python3 python3-venv >/dev/null
    rm -rf "$venv"
    python3 -m venv "$venv"
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r Tests/lsp/requirements.txt
fi
export PYTHONDONTWRITEBYTECODE=1
export SCALE_BIN="${SCALE_BIN:-$PWD/.build/debug/scale}"
cd Tests/lsp
exec "../../$venv/bin/pytest" -q -p no:cacheprovider "$@"
