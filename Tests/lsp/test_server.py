"""End-to-end tests of `scale lsp` as an editor drives it: LSP 3.17 over stdio."""

import json
import subprocess

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import SCALE

URI = "file:///work/shop.scale"

SHOP = """\
# Café ☕ shop 😀
server web count 3 cpu 2
balancer lb least-connections to web
cache sessions ttl 60s 
sever api cpu 2
traffic 100 rps for 1min
expect web-1 utilisation < 80%
at 1min fail web-2 for 30s
"""


def position(line, character):
    return types.Position(line=line, character=character)


def doc():
    return types.TextDocumentIdentifier(uri=URI)


async def open_and_wait(client: LanguageClient, text: str, uri: str = URI):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="scale", version=1, text=text)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


def scale_check(text: str):
    """What `scale check --format json` reports for `text`."""
    run = subprocess.run([SCALE, "check", "--format", "json", "-"], input=text.encode(),
                         capture_output=True, check=False)
    return json.loads(run.stdout)


@pytest.mark.asyncio
async def test_a_session_from_initialize_to_shutdown(client: LanguageClient):
    # Diagnostics: the same ids, lines and messages as `scale check`.
    diagnostics = await open_and_wait(client, SHOP)
    expected = scale_check(SHOP)
    assert [d.code for d in diagnostics] == [e["id"] for e in expected]
    assert [d.range.start.line + 1 for d in diagnostics] == [e["line"] for e in expected]
    assert [d.message.split("\n")[0] for d in diagnostics] == [e["message"] for e in expected]
    typo = next(d for d in diagnostics if d.range.start.line == 4)
    assert typo.severity == types.DiagnosticSeverity.Error
    assert (typo.range.start.character, typo.range.end.character) == (0, 5)

    # The suggestion as a quick fix.
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc(), range=typo.range,
            context=types.CodeActionContext(diagnostics=[typo])))
    assert [a.kind for a in actions] == [types.CodeActionKind.QuickFix]
    assert actions[0].edit.changes[URI][0].new_text == "server"

    # Completion: attributes of the statement at the cursor, then component names.
    items = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc(), position=position(3, 23)))
    labels = [item.label for item in items.items]
    assert "nodes" in labels and "eviction" in labels and "ttl" not in labels
    items = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc(), position=position(6, 9)))
    assert [item.label for item in items.items] == ["web", "web-1", "web-2", "web-3"]

    # Hover: documentation, default and the real system it follows.
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc(), position=position(2, 15)))
    assert "least_conn" in hover.contents.value
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc(), position=position(3, 16)))
    assert "Default: 300 s" in hover.contents.value

    # Definition and references of a component.
    definition = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc(), position=position(7, 15)))
    assert definition.range.start == position(1, 7)
    references = await client.text_document_references_async(
        types.ReferenceParams(text_document=doc(), position=position(1, 8),
                              context=types.ReferenceContext(include_declaration=True)))
    assert sorted(r.range.start.line for r in references) == [1, 2]

    # Rename: the pool and its members.
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=doc(), position=position(1, 8), new_name="app"))
    edits = edit.changes[URI]
    assert {e.new_text for e in edits} == {"app"}
    assert sorted((e.range.start.line, e.range.start.character) for e in edits) == [
        (1, 7), (2, 33), (6, 7), (7, 13)]

    # Outline.
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=doc()))
    assert [s.name for s in symbols][:3] == ["web", "lb", "sessions"]


@pytest.mark.asyncio
async def test_formatting_is_scale_fmt(client: LanguageClient):
    text = "server   web cpu 2\n\n\n\nbalancer lb   weighted"
    await open_and_wait(client, text)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=doc(), options=types.FormattingOptions(tab_size=2, insert_spaces=True)))
    fmt = subprocess.run([SCALE, "fmt", "-"], input=text.encode(), capture_output=True)
    assert fmt.returncode == 0
    assert len(edits) == 1
    assert edits[0].new_text == fmt.stdout.decode() == "server web cpu 2\n\nbalancer lb weighted\n"


@pytest.mark.asyncio
async def test_changes_republish_diagnostics_with_utf16_ranges(client: LanguageClient):
    await open_and_wait(client, "server web\n")
    # A non-ASCII comment before an error on the same line: `é` is 1 UTF-16 unit, `😀` 2.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=2),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=position(0, 10), end=position(0, 10)),
                text="\ncache é😀 ttl -5s")]))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    diagnostics = client.diagnostics[URI]
    line = "cache é😀 ttl -5s"
    assert diagnostics, "expected a diagnostic for the changed line"
    for d in diagnostics:
        assert d.range.start.line == 1
        assert d.range.end.character <= len(line.encode("utf-16-le")) // 2
    expected = scale_check("server web\n" + line + "\n")
    assert [(d.range.start.character, d.range.end.character) for d in diagnostics] == [
        (utf16(line, e["column"] - 1), utf16(line, e["endColumn"] - 1)) for e in expected]


def utf16(line: str, byte_column: int) -> int:
    """The UTF-16 offset of a UTF-8 byte column of `line`."""
    prefix = line.encode()[:byte_column].decode()
    return len(prefix.encode("utf-16-le")) // 2


@pytest.mark.asyncio
async def test_out_of_range_positions_are_clamped(client: LanguageClient):
    await open_and_wait(client, "server web cpu 2\n")
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc(), position=position(10_000, 10_000)))
    assert hover is None
    items = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc(), position=position(0, 10_000)))
    assert items is not None
    definition = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc(), position=position(0, 2**31 - 1)))
    assert definition is None


@pytest.mark.asyncio
async def test_a_10_mb_document(client: LanguageClient):
    head = "server web count 3 cpu 2\nbalancer lb to web\n"
    filler = "# é😀 a comment line to make the document large, about sixty bytes\n"
    text = head + filler * (10 * 1024 * 1024 // len(filler.encode())) + "sever api\n"
    assert len(text.encode()) > 10 * 1024 * 1024
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=URI, language_id="scale", version=1, text=text)))
    # Requests are answered while the document is checked.
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc(), position=position(1, 2)))
    assert "balancer" in hover.contents.value
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    last = text.count("\n") - 1
    assert [d.range.start.line for d in client.diagnostics[URI]] == [last]


def test_malformed_json_is_a_parse_error_and_the_server_goes_on(raw):
    raw.send_bytes(b"Content-Length: 9\r\n\r\n{\"json\":,")
    error = raw.messages.get(timeout=60)
    assert error["id"] is None and error["error"]["code"] == -32700
    raw.send_bytes(b"Content-Length: 5\r\n\r\n[1,2]")
    assert raw.messages.get(timeout=60)["error"]["code"] == -32600
    deep = b"[" * 100_000 + b"]" * 100_000  # nesting far beyond any parser's stack
    raw.send_bytes(b"Content-Length: %d\r\n\r\n" % len(deep) + deep)
    assert raw.messages.get(timeout=60)["error"]["code"] == -32700
    raw.send_bytes(b"Content-Length: nope\r\n\r\n")
    assert raw.messages.get(timeout=60)["error"]["code"] == -32700
    raw.request(1, "textDocument/documentSymbol", {"textDocument": {"uri": URI}})
    assert raw.response(1)["error"]["code"] == -32602  # not open, but answered
    assert raw.close() == 0


def test_unknown_methods(raw):
    raw.request(1, "textDocument/semanticTokens/full", {"textDocument": {"uri": URI}})
    assert raw.response(1)["error"]["code"] == -32601
    raw.notify("$/unknownNotification")  # ignored, no answer
    raw.request("two", "workspace/symbol", {"query": ""})
    assert raw.response("two")["error"]["code"] == -32601
    assert raw.close() == 0


def test_cancellation(raw):
    # A large document keeps the server busy while requests queue up behind it; each
    # cancelled request is answered RequestCancelled if it had not run yet, else normally.
    text = "server web\n" + "# filler line for a large document\n" * 200_000
    raw.notify("textDocument/didOpen", {"textDocument": {
        "uri": URI, "languageId": "scale", "version": 1, "text": text}})
    for id in range(1, 21):
        raw.request(id, "textDocument/hover", {
            "textDocument": {"uri": URI}, "position": {"line": 0, "character": 1}})
        raw.notify("$/cancelRequest", {"id": id})
    for id in range(1, 21):
        response = raw.response(id)
        assert ("result" in response) or response["error"]["code"] == -32800
    raw.request(99, "textDocument/hover", {
        "textDocument": {"uri": URI}, "position": {"line": 0, "character": 1}})
    assert "server" in raw.response(99)["result"]["contents"]["value"]
    assert raw.close() == 0


def test_exit_without_shutdown_is_code_1():
    from conftest import RawServer
    server = RawServer()
    server.request(0, "initialize", {"capabilities": {}})
    server.response(0)
    server.request(1, "textDocument/hover", {})  # before `initialized`: still answered
    server.response(1)
    server.notify("exit")
    assert server.process.wait(timeout=60) == 1


def test_requests_before_initialize_fail():
    from conftest import RawServer
    server = RawServer()
    server.request(1, "textDocument/hover", {})
    assert server.response(1)["error"]["code"] == -32002
    server.process.kill()
    server.process.wait()
