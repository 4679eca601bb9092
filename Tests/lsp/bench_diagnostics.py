#!/usr/bin/env python3
"""Diagnostics latency of `scale lsp`: a 1 000-line script is opened, then one line is
changed again and again; each time, the time from sending `didChange` to receiving the
`publishDiagnostics` of that version is measured. Run by hand on a release build:

    swift build -c release --product scale
    python3 Tests/lsp/bench_diagnostics.py [.build/release/scale]

Prints the median, 90th percentile and maximum over the changes (the target: < 50 ms).
Standard library only; this is a benchmark, not a test (nothing here depends on speed)."""

import json
import os
import statistics
import subprocess
import sys
import time

SCALE = sys.argv[1] if len(sys.argv) > 1 else ".build/release/scale"
URI = "file:///bench.scale"
CHANGES = 100


def script(edit: int) -> str:
    """1 000 lines: a topology of pools, balancers, caches and databases, events and
    expectations, one line of which (`edit`) varies."""
    lines = ["seed 7", "duration 10min"]
    group = 0
    while len(lines) < 990:
        g = group
        lines += [
            f"server web{g} count 3 cpu 4 service 2ms  # group {g}",
            f"balancer lb{g} least-connections to web{g}",
            f"health-check lb{g} every 5s timeout 1s fall 3 rise 2",
            f"cache sessions{g} ttl 60s nodes 3 hashing consistent",
            f"database orders{g} replicas 2 lag 50ms reads eventual",
            f"at {g % 9 + 1}min fail web{g}-2 for 30s",
            f"expect web{g}-1 utilisation < 90%",
            "",
        ]
        group += 1
    lines += ["traffic 2000 rps for 10min read 90% keys zipf 1.1 over 1M"]
    lines += [f"# note {i}" for i in range(1000 - len(lines))]
    lines[2] = f"server web0 count 3 cpu {edit % 8 + 1} service 2ms  # edited"
    return "\n".join(lines) + "\n"


class Server:
    def __init__(self):
        self.process = subprocess.Popen([SCALE, "lsp"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE)

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def receive(self):
        length = 0
        while True:
            line = self.process.stdout.readline().strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def diagnostics(self, version):
        while True:
            message = self.receive()
            if (message.get("method") == "textDocument/publishDiagnostics"
                    and message["params"].get("version") == version):
                return message["params"]["diagnostics"]


def cpu_seconds(pid):
    """User + system CPU time of a process so far (Linux /proc; 0 elsewhere). On a loaded
    machine wall time includes waiting for a core; this is the work itself."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def main():
    server = Server()
    server.send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
    server.receive()
    server.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    text = script(0)
    assert text.count("\n") == 1000
    server.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": URI, "languageId": "scale", "version": 1, "text": text}}})
    diagnostics = server.diagnostics(1)
    errors = [d for d in diagnostics if d["severity"] == 1]
    assert not errors, errors[:3]
    timings = []
    cpu_before = cpu_seconds(server.process.pid)
    for version in range(2, CHANGES + 2):
        line = f"server web0 count 3 cpu {version % 8 + 1} service 2ms  # edited"
        change = {"range": {"start": {"line": 2, "character": 0},
                            "end": {"line": 2, "character": 10_000}}, "text": line}
        start = time.perf_counter()
        server.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": URI, "version": version}, "contentChanges": [change]}})
        server.diagnostics(version)
        timings.append((time.perf_counter() - start) * 1000)
    cpu = cpu_seconds(server.process.pid) - cpu_before
    server.send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    server.receive()
    server.send({"jsonrpc": "2.0", "method": "exit"})
    server.process.wait(timeout=30)
    timings.sort()
    p90 = timings[int(len(timings) * 0.9) - 1]
    print(f"1000-line script, {CHANGES} changes: diagnostics after a change "
          f"median {statistics.median(timings):.1f} ms, p90 {p90:.1f} ms, "
          f"max {timings[-1]:.1f} ms; server CPU time per change {cpu * 1000 / CHANGES:.1f} ms "
          f"({len(diagnostics)} diagnostics each time)")


if __name__ == "__main__":
    main()
