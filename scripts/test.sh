#!/usr/bin/env bash
# Set up and run every test: installs system packages, builds with zero warnings in our
# own sources (a warning fails the run), runs the whole test suite, the language server's
# end-to-end tests (Tests/lsp, with Python's pytest-lsp), then checks the HTML reports in
# headless Chromium (Tests/html/check_html.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
log=$(mktemp)
swift build --build-tests 2>&1 | tee "$log"
if grep -E "^/.*/(Sources|Tests)/.*: warning:" "$log" | grep -v "/.build" >/dev/null; then
  echo "error: the build has warnings (see above); the project keeps zero warnings" >&2
  exit 1
fi
rm -f "$log"
swift test --skip-build
# The language server end to end, as an editor drives it (installs pytest-lsp itself).
Tests/lsp/run.sh

# The HTML reports in a real browser (installs Debian's chromium if missing).
Tests/html/check_html.sh "$(swift build --show-bin-path)/scale"
