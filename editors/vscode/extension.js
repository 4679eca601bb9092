// Starts `scale lsp` for .scale files (the server does the rest; see docs/editors.md).
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("scale").get("server.path", "scale");
  const server = { command, args: ["lsp"] };
  client = new LanguageClient(
    "scale",
    "scale",
    { run: server, debug: server },
    { documentSelector: [{ scheme: "file", language: "scale" }, { scheme: "untitled", language: "scale" }] }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
