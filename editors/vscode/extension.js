// The Piano extension: starts `piano lsp` for .plan files and passes it the
// "piano" settings (data files and year for scores) at start and, through
// the client's configuration sync, whenever they change.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function settings() {
  const c = vscode.workspace.getConfiguration("piano");
  return { data: c.get("data", []), year: c.get("year", 0) };
}

function activate(context) {
  const command = vscode.workspace.getConfiguration("piano").get("path", "piano");
  client = new LanguageClient(
    "piano",
    "Piano",
    { command, args: ["lsp"] },
    {
      documentSelector: [{ scheme: "file", language: "plan" }],
      initializationOptions: settings(),
      synchronize: { configurationSection: "piano" },
    }
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
