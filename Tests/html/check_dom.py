#!/usr/bin/env python3
"""Checks one page rendered by headless Chromium (see check_html.sh).

usage: check_dom.py run|sweep|capacity STEM CHART,CHART,...
STEM.dom is the DOM Chromium dumped, STEM.netlog.json its network log, STEM.console.log its
stderr; for `run`, STEM.json is the same run's JSON report (its events must be marked)."""
import json
import re
import sys
from html.parser import HTMLParser


class Page(HTMLParser):
    """Figures (data-chart) with their series, markers and marker read-outs."""

    def __init__(self):
        super().__init__()
        self.figures = {}
        self.figure = None
        self.depth = 0
        self.in_marker = 0
        self.in_title = False
        self.sections = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "section" and "id" in a:
            self.sections.append(a["id"])
        if tag == "figure" and "data-chart" in a:
            self.figure = {"series": [], "markers": 0, "titles": [], "kinds": set()}
            self.figures[a["data-chart"]] = self.figure
        if self.figure is None:
            return
        cls = a.get("class", "")
        if tag == "g" and "series" in cls.split():
            self.figure["series"].append(a.get("data-series", ""))
        if tag == "g" and "marker" in cls.split():
            self.figure["markers"] += 1
            self.figure["kinds"].add(a.get("data-kind", ""))
            self.in_marker = 1
        if tag == "title" and self.in_marker:
            self.in_title = True
            self.figure["titles"].append("")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag == "g" and self.in_marker:
            self.in_marker = 0
        if tag == "figure":
            self.figure = None

    def handle_data(self, data):
        if self.in_title and self.figure is not None:
            self.figure["titles"][-1] += data


def fail(stem, message):
    print(f"FAIL {stem}: {message}", file=sys.stderr)
    return 1


def main():
    mode, stem = sys.argv[1], sys.argv[2]
    charts = [c for c in sys.argv[3].split(",") if c]
    errors = 0
    dom = open(stem + ".dom", encoding="utf-8").read()
    if "<html" not in dom:
        return fail(stem, "Chromium dumped no DOM")
    page = Page()
    page.feed(dom)
    if page.scripts:
        errors += fail(stem, "the page has a script")
    for chart in charts:
        figure = page.figures.get(chart)
        if figure is None:
            errors += fail(stem, f"no chart {chart} (has {sorted(page.figures)})")
            continue
        if chart != "chart-utilisation" and not figure["series"]:
            errors += fail(stem, f"{chart} has no series")
    if mode == "run":
        for section in ["verdicts", "summary", "topology", "charts", "components"]:
            if section not in page.sections:
                errors += fail(stem, f"no section {section}")
        if 'class="node bottleneck' not in dom:
            errors += fail(stem, "no bottleneck marked in the topology")
        latency = page.figures.get("chart-latency", {"series": []})["series"]
        if latency[:3] != ["p50", "p90", "p99"]:
            errors += fail(stem, f"latency series {latency}")
        report = json.load(open(stem + ".json", encoding="utf-8"))
        events = report["events"]
        for chart, figure in page.figures.items():
            text = "\n".join(figure["titles"])
            missing = [n + 1 for n in range(len(events)) if f"{n + 1}. " not in text]
            if missing:
                errors += fail(stem, f"{chart} lacks markers for events {missing[:10]}")
        print(f"ok {stem}: {len(page.figures)} charts, {len(events)} events marked on each")
    elif mode in ("sweep", "capacity"):
        if mode == "capacity":
            found = any("answer" in f["kinds"] for f in page.figures.values())
            if not found and "no servers in the range" not in dom:
                errors += fail(stem, "the capacity answer is not marked")
        if 'class="bound"' not in dom:
            errors += fail(stem, "no expect bound drawn")
        print(f"ok {stem}: {len(page.figures)} charts")

    # Network: no request made for the page (its network isolation key is the page's
    # file:// site) other than for file:// itself. The browser's own background requests
    # (component updates, …) carry other keys and are not the page's doing.
    try:
        netlog = json.load(open(stem + ".netlog.json", encoding="utf-8", errors="replace"))
    except ValueError:  # the log of a browser that was stopped lacks its closing brackets
        text = open(stem + ".netlog.json", encoding="utf-8", errors="replace").read()
        netlog = json.loads(text.rstrip().rstrip(",") + "]}")
    start = netlog["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    foreign = sorted(
        {
            e["params"]["url"]
            for e in netlog["events"]
            if e.get("type") == start
            and "file://" in e.get("params", {}).get("network_isolation_key", "")
            and not e["params"].get("url", "").startswith("file://")
        }
    )
    if foreign:
        errors += fail(stem, f"network requests: {foreign[:5]}")
    # Console: Chromium logs page console messages as `CONSOLE(...)` / `Uncaught`.
    console = open(stem + ".console.log", encoding="utf-8", errors="replace").read()
    for line in console.splitlines():
        if "CONSOLE" in line or "Uncaught" in line or "Failed to load resource" in line:
            errors += fail(stem, f"console: {line.strip()[:200]}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
