#!/usr/bin/env bash
# The main job on a bundled example: set up, build in release mode, and simulate
# examples/shop.scale (an online shop at peak). Extra arguments go to `scale run`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product scale
exec .build/release/scale run examples/shop.scale "$@"
