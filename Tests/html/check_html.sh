#!/usr/bin/env bash
# End-to-end check of the HTML reports in a real browser: renders several lessons with
# `scale run --format html` (and `scale sweep`/`scale capacity --format html`), loads each
# page in headless Chromium (Debian package `chromium`, installed here if missing) with
# every host name unresolvable, and checks with check_dom.py that
#   - the rendered DOM has each expected chart with its series and a marker for every
#     timeline event (the events come from the same run's `--format json`),
#   - the browser's network log holds no request other than the page's own file://,
#   - the browser logged no console message (script or resource errors).
# Screenshots are left in $HTML_CHECK_OUT (default: a temporary folder) to look at.
# Usage: Tests/html/check_html.sh [path/to/scale]
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v chromium >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: chromium" >&2
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium
fi
scale="${1:-$(swift build --show-bin-path)/scale}"
out="${HTML_CHECK_OUT:-$(mktemp -d)}"
mkdir -p "$out"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

browse() { # page.html → page.dom, page.png, page.netlog.json, page.console.log
  local page="$1" stem="${1%.html}"
  local flags=(--headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$profile"
    --disable-background-networking --disable-component-update --disable-sync
    --disable-default-apps --disable-extensions --no-default-browser-check
    --host-resolver-rules="MAP * ~NOTFOUND" --enable-logging=stderr --v=0
    --log-net-log="$stem.netlog.json" --window-size=1200,3000)
  timeout 120 chromium "${flags[@]}" --dump-dom "file://$page" >"$stem.dom" 2>"$stem.console.log"
  timeout 120 chromium "${flags[@]}" --screenshot="$stem.png" "file://$page" >/dev/null 2>&1
}

status=0
# The checker must see what it is meant to catch: a page that loads an image from the
# network and logs to the console has to fail.
printf '%s\n' '<!DOCTYPE html><html><body><img src="http://scale-check.invalid/x.png">' \
  '<script>console.error("canary")</script></body></html>' >"$out/canary.html"
browse "$out/canary.html"
if python3 Tests/html/check_dom.py canary "$out/canary" "" 2>/dev/null; then
  echo "html check: the canary page passed; the network and console checks are blind" >&2
  status=1
fi
# lesson : charts it must have (besides throughput, latency, errors, utilisation)
runs=(
  "examples/shop.scale:chart-hit-rate,chart-queue-length,chart-stale-reads,chart-servers"
  "examples/10-distributed-cache.scale:chart-hit-rate"
  "examples/13-auto-scaling.scale:chart-servers"
  "examples/15-async-queues.scale:chart-queue-length"
  "examples/17-timeouts-and-retries.scale:chart-queue-length"
)
for entry in "${runs[@]}"; do
  script="${entry%%:*}"
  charts="chart-throughput,chart-latency,chart-errors,chart-utilisation,${entry#*:}"
  name="$(basename "$script" .scale)"
  "$scale" run "$script" --format html >"$out/$name.html" || true
  "$scale" run "$script" --format json >"$out/$name.json" || true
  browse "$out/$name.html"
  python3 Tests/html/check_dom.py run "$out/$name" "$charts" || status=1
done

"$scale" sweep examples/02-horizontal-scaling.scale --vary servers=1..4 --format html \
  >"$out/sweep.html" 2>/dev/null || true
browse "$out/sweep.html"
python3 Tests/html/check_dom.py sweep "$out/sweep" \
  "chart-sweep-latency,chart-sweep-throughput,chart-sweep-errors,chart-sweep-utilisation" \
  || status=1

"$scale" capacity examples/02-horizontal-scaling.scale --vary servers=1..4 --format html \
  >"$out/capacity.html" 2>/dev/null || true
browse "$out/capacity.html"
python3 Tests/html/check_dom.py capacity "$out/capacity" \
  "chart-sweep-latency,chart-sweep-throughput,chart-sweep-errors,chart-sweep-utilisation" \
  || status=1

echo "html check: pages and screenshots in $out" >&2
exit "$status"
