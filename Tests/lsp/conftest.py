"""Shared set-up of the end-to-end tests of `scale lsp`: the server binary, a pytest-lsp
client fixture, and a raw JSON-RPC client for what a well-behaved client never sends."""

import json
import os
import pathlib
import queue
import subprocess
import sys
import threading

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCALE = os.environ.get("SCALE_BIN", str(ROOT / ".build" / "debug" / "scale"))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[SCALE, "lsp"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=ROOT.as_uri(),
        )
    )
    yield
    await lsp_client.shutdown_session()


class RawServer:
    """`scale lsp` driven byte by byte: send anything, read framed messages back."""

    def __init__(self):
        self.process = subprocess.Popen(
            [SCALE, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE)
        self.messages = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    def _drain_stderr(self):
        for line in self.process.stderr:
            sys.stderr.write("server: " + line.decode(errors="replace"))

    def _read(self):
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            self.messages.put(json.loads(stream.read(length)))

    def send_bytes(self, data: bytes):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message: dict):
        body = json.dumps(message).encode()
        self.send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def request(self, id, method, params=None):
        self.send({"jsonrpc": "2.0", "id": id, "method": method, "params": params or {}})

    def notify(self, method, params=None):
        self.send({"jsonrpc": "2.0", "method": method, "params": params or {}})

    def response(self, id, timeout=120):
        """The response to request `id` (notifications before it are kept aside)."""
        while True:
            message = self.messages.get(timeout=timeout)
            if message.get("id") == id and "method" not in message:
                return message

    def close(self, timeout=60):
        self.request("bye", "shutdown")
        assert self.response("bye")["result"] is None
        self.notify("exit")
        return self.process.wait(timeout=timeout)


@pytest.fixture
def raw():
    server = RawServer()
    server.request(0, "initialize", {"capabilities": {}})
    assert "capabilities" in server.response(0)["result"]
    server.notify("initialized")
    yield server
    if server.process.poll() is None:
        server.process.kill()
        server.process.wait()
