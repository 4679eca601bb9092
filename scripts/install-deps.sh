#!/usr/bin/env bash
# Installs the system packages scale needs on a fresh Debian/Ubuntu machine:
# libedit-dev (headers + libedit.pc for the REPL), pkg-config, and tmux (the REPL's
# terminal tests). Runs apt-get only when something is missing. Needs root or sudo.
set -euo pipefail
missing=()
for pkg in libedit-dev pkg-config tmux; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get update
  $sudo apt-get install -y "${missing[@]}"
fi
